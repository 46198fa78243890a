import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Run the TypeScript sources, as the web e2e suite does, so the suite needs no prior build. */
export const NODE_ARGS = ['--conditions=@reco/source', '--import', 'tsx'];

export interface RunningServer {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Starts `src/main.ts` over `artifacts` and resolves once it is ready (or rejects if it exits). */
export async function startServer(
  artifacts: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_ARGS, 'src/main.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      RECO_ARTIFACTS: artifacts,
      PORT: String(port),
      RECO_LOG_LEVEL: 'warn',
      RECO_RATE_LIMIT_MAX: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 100))]);
    if (code !== 'wait') throw new Error(`server exited ${code}: ${stderr.trim()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, port, exited };
    if (Date.now() > deadline) throw new Error(`server not ready in 30 s: ${stderr.trim()}`);
  }
}

/** Starts the server on a bundle expected to be refused: the exit code and first stderr line. */
export async function startRefused(artifacts: string): Promise<{ code: number | null; message: string }> {
  try {
    const server = await startServer(artifacts);
    server.child.kill('SIGKILL');
    return { code: 0, message: 'started' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = Number(/exited (\d+)/.exec(message)?.[1] ?? Number.NaN);
    return { code, message: message.split('\n')[0] ?? message };
  }
}
