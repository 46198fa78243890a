import { type Command, InvalidArgumentError } from 'commander';
import { checkArtifactsDir } from '../paths';
import { resolveApiEntry } from '../serve/api-entry';
import { freePort, superviseApi } from '../serve/supervise';
import { escapeControl } from '../terminal';

interface ServeFlags {
  artifacts: string;
  port: number;
  host: string;
}

function port(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n <= 65_535)) {
    throw new InvalidArgumentError(`"${value}" is not a port number from 0 to 65535.`);
  }
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the recommendation API (apps/api) over an artifact bundle; SIGTERM and Ctrl-C stop it gracefully.',
    )
    .option('-a, --artifacts <dir>', 'artifact folder written by reco train', 'artifacts')
    .option('-p, --port <n>', 'port to listen on (0 picks a free one)', port, 8080)
    .option('--host <host>', 'interface to listen on (0.0.0.0 in a container)', '127.0.0.1')
    .action(async (flags: ServeFlags) => {
      const artifactsDir = checkArtifactsDir(flags.artifacts);
      const entry = resolveApiEntry();
      const chosen = flags.port === 0 ? await freePort(flags.host) : flags.port;
      const code = await superviseApi({ entry, artifactsDir, host: flags.host, port: chosen }, (url) =>
        process.stderr.write(
          `reco serve: listening on ${escapeControl(url)} (OpenAPI at /openapi.json, docs at /docs)\n`,
        ),
      );
      if (code !== 0) throw new ServeExit(code);
    });
}

/** The API's own non-zero exit: it has already said why on stderr, so the CLI only passes it on. */
export class ServeExit extends Error {
  override readonly name = 'ServeExit';
  constructor(readonly exitCode: number) {
    super(`the API exited with code ${exitCode}`);
  }
}
