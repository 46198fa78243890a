#!/usr/bin/env node
/**
 * The service executable: reads the environment (see README), loads the artifacts, listens, and
 * shuts down gracefully on SIGTERM/SIGINT. Missing or corrupt artifacts exit 1 with one line
 * saying what is wrong, before any port is opened.
 */
import { readConfig } from './config';
import { buildServer } from './server';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const app = await buildServer({ ...config, logger: { level: config.logLevel } });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A stuck client must not keep the process alive past the orchestrator's patience.
    setTimeout(() => {
      app.log.error(
        { timeoutMs: config.shutdownTimeoutMs },
        'in-flight requests did not finish in time; exiting',
      );
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => app.log.info('closed'),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while closing');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`reco-api: cannot start: ${message}\n`);
  process.exitCode = 1;
});
