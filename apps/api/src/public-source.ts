import { basename } from 'node:path';

/**
 * The dataset source as a client may see it: the folder's name (`ml-latest-small`), never the
 * server's filesystem path, which tells an outsider how the host is laid out. URLs pass unchanged.
 */
export function publicSource(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  return basename(source.replace(/[\\/]+$/, '')) || source;
}
