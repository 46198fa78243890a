import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { constants } from 'node:os';

export interface ServeSettings {
  readonly entry: string;
  readonly artifactsDir: string;
  readonly host: string;
  readonly port: number;
}

const FORWARDED = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** A free TCP port on `host`, for `--port 0`, so the URL can be printed before the API logs it. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The address to probe and print: a wildcard host is reached on loopback. */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Runs the API as a child node process (same binary, same environment plus RECO_ARTIFACTS, PORT,
 * HOST) in its own process group, so a terminal's Ctrl-C reaches it once, through us: SIGTERM,
 * SIGINT and SIGHUP are forwarded. Resolves with the child's exit code (128 + signal number
 * when a signal ended it).
 */
export function superviseApi(settings: ServeSettings, onListening: (url: string) => void): Promise<number> {
  const child = spawn(process.execPath, [settings.entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      RECO_ARTIFACTS: settings.artifactsDir,
      PORT: String(settings.port),
      HOST: settings.host,
    },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = localUrl(settings.host, settings.port);
  const stopProbe = probeUntilListening(url, child, () => onListening(url));
  return new Promise((resolveCode, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      stopProbe();
      for (const s of FORWARDED) process.off(s, forward);
      process.off('exit', killOnExit);
      resolveCode(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}

/** Polls `/health/live` every 100 ms until it answers, then calls `ready` once. */
function probeUntilListening(url: string, child: ChildProcess, ready: () => void): () => void {
  let stopped = false;
  const probe = async () => {
    while (!stopped && child.exitCode === null) {
      const ok = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok && !stopped) return ready();
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  void probe();
  return () => {
    stopped = true;
  };
}
