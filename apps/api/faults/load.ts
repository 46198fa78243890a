import { Agent, request } from 'node:http';

/** What a closed-loop load of keep-alive connections saw. */
export interface LoadResult {
  sent: number;
  /** Status code counts of complete answers. */
  statuses: Record<number, number>;
  /** Requests written to an open connection that got no complete answer (reset, hang-up). */
  lost: number;
  /** Connections the server no longer accepted (after shutdown): nothing was sent on them. */
  refused: number;
  maxLatencyMs: number;
}

export interface LoadOptions {
  port: number;
  connections: number;
  /** The next request path, round-robin over the traffic mix. */
  path: (i: number) => string;
  /** Stop when this resolves (or at the first refused connection of every loop). */
  until: Promise<unknown>;
}

/** `connections` loops, each sending its next request as soon as the previous one is answered. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, statuses: {}, lost: 0, refused: 0, maxLatencyMs: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  let stop = false;
  void options.until.then(() => {
    stop = true;
  });
  const loop = async () => {
    while (!stop) {
      const outcome = await once(agent, options.port, options.path(result.sent));
      result.sent += 1;
      if (outcome.kind === 'refused') {
        result.refused += 1;
        return;
      }
      if (outcome.kind === 'answered')
        result.statuses[outcome.status] = (result.statuses[outcome.status] ?? 0) + 1;
      else result.lost += 1;
      result.maxLatencyMs = Math.max(result.maxLatencyMs, outcome.ms);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  return result;
}

type Outcome = { kind: 'answered'; status: number; ms: number } | { kind: 'lost' | 'refused'; ms: number };

function once(agent: Agent, port: number, path: string): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ kind: 'answered', status: res.statusCode ?? 0, ms: performance.now() - start }),
      );
      res.on('error', () => resolve({ kind: 'lost', ms: performance.now() - start }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const ms = performance.now() - start;
      // A refused connect never carried the request; a reset after a reused socket did.
      resolve({ kind: error.code === 'ECONNREFUSED' ? 'refused' : 'lost', ms });
    });
    req.end();
  });
}
