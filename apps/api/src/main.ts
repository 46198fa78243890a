#!/usr/bin/env node
/**
 * The service executable: reads the environment (see README), loads the artifacts, listens, and
 * drains on SIGTERM/SIGINT. Missing or corrupt artifacts exit 1 with one line saying what is
 * wrong, before any port is opened.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from './app';
import { readConfig, type ServiceConfig } from './config';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { buildServer } from './server';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const lifecycle = createLifecycle();
  const app = await buildServer({ ...config, lifecycle, logger: { level: config.logLevel } });
  const shutdown = (signal: NodeJS.Signals) => drain(app, lifecycle, config, signal);
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Graceful drain: readiness turns 503 first (for `RECO_SHUTDOWN_DELAY_MS`, so a load balancer
 * stops routing here), then the server stops accepting, answers in-flight requests with
 * `connection: close` and exits 0. A stuck client must not keep the process alive past
 * `RECO_SHUTDOWN_TIMEOUT_MS`: then it exits 1.
 */
async function drain(app: App, lifecycle: Lifecycle, config: ServiceConfig, signal: NodeJS.Signals) {
  if (lifecycle.draining) return;
  lifecycle.draining = true;
  app.log.info({ signal, delayMs: config.shutdownDelayMs }, 'draining: readiness is 503');
  setTimeout(() => {
    app.log.error(
      { timeoutMs: config.shutdownTimeoutMs },
      'in-flight requests did not finish in time; exiting',
    );
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
  app.log.info('shutting down: finishing in-flight requests');
  try {
    await app.close();
    app.log.info('closed');
  } catch (error) {
    app.log.error({ err: error }, 'error while closing');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`reco-api: cannot start: ${message}\n`);
  process.exitCode = 1;
});
