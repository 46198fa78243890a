import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseMd5File } from './download/checksum';
import { extractZip } from './download/extract-zip';
import { describe, type Fetch, type FetchedFile, fetchText, fetchToFile } from './download/fetch-to-file';
import { DataError } from './errors';
import { makeTempDirBeside, moveIntoPlace } from './generate/atomic-dir';
import { isReleaseName, MOVIELENS_RELEASES, type MovieLensRelease, RELEASE_NAMES } from './releases';
import type { OnProgress, ReleaseLayout, ReleaseName } from './types';

export interface DownloadMovieLensOptions {
  /** Progress: stage 'download' in bytes, then 'extract' in files. */
  onProgress?: OnProgress;
  /** The fetch implementation. Default: the global fetch. */
  fetch?: Fetch;
  /**
   * Base URL the zips (and `.zip.md5` files) are fetched from. Default: GroupLens,
   * https://files.grouplens.org/datasets/movielens/. A mirror must serve the same file names.
   */
  baseUrl?: string;
  /** Download again and replace `dest/<name>` even when it exists. Default false. */
  force?: boolean;
  /** Aborting (e.g. on SIGINT) stops the download and removes everything written so far. */
  signal?: AbortSignal;
  /** The release registry. Default: `MOVIELENS_RELEASES`; override to pin other files or checksums. */
  releases?: Readonly<Record<ReleaseName, MovieLensRelease>>;
}

export interface DownloadedRelease {
  readonly name: ReleaseName;
  readonly layout: ReleaseLayout;
  /** Absolute path of the extracted release, `dest/<name>`. */
  readonly dir: string;
  /** True when `dir` already existed and nothing was downloaded. */
  readonly reused: boolean;
  /** Size of the downloaded zip (0 when reused). */
  readonly bytes: number;
  /** MD5 of the downloaded zip, verified against GroupLens's (undefined when reused). */
  readonly md5: string | undefined;
  /** Files of the release, relative to `dir`. */
  readonly files: readonly string[];
  readonly seconds: number;
}

/**
 * Downloads a GroupLens release and extracts it to `dest/<name>` (ml-10m's `ml-10M100K` folder
 * becomes `ml-10m`). The zip streams to a temporary folder inside `dest`; its size and MD5 are
 * checked against GroupLens's published figures (for ml-latest*, against the `.zip.md5` GroupLens
 * serves beside the zip), every file's CRC-32 is checked while extracting, and only a complete,
 * verified release is renamed into place. On any failure or abort the temporary folder is removed,
 * so `dest` never holds a half-written release.
 *
 * An existing `dest/<name>` is taken as complete (only a finished download is ever renamed there)
 * and returned without network access, unless `force` is set.
 *
 * @example
 * const { dir } = await downloadMovieLens('ml-1m', 'data');   // data/ml-1m
 */
export async function downloadMovieLens(
  name: ReleaseName,
  dest: string,
  options: DownloadMovieLensOptions = {},
): Promise<DownloadedRelease> {
  const started = performance.now();
  const release = findRelease(name, options.releases ?? MOVIELENS_RELEASES);
  const dir = resolve(dest, release.name);
  const done = async (fetched: { bytes: number; md5: string | undefined } | undefined) => ({
    name: release.name,
    layout: release.layout,
    dir,
    reused: fetched === undefined,
    bytes: fetched?.bytes ?? 0,
    md5: fetched?.md5,
    files: await listFiles(dir),
    seconds: (performance.now() - started) / 1000,
  });
  if (!options.force && (await isDirectory(dir))) return done(undefined);

  const { signal } = options;
  const url =
    options.baseUrl === undefined ? release.url : new URL(release.file, withSlash(options.baseUrl)).href;
  signal?.throwIfAborted();
  const temp = await makeTempDirBeside(dir, 'download');
  try {
    const zipPath = join(temp, release.file);
    const fetched = await fetchVerifiedZip(release, url, zipPath, options);
    const extracted = join(temp, 'extracted');
    await mkdir(extracted);
    await extractZip(zipPath, extracted, {
      label: release.file,
      ...(signal && { signal }),
      ...(options.onProgress && { onProgress: options.onProgress }),
    });
    const root = await releaseRoot(extracted, release);
    signal?.throwIfAborted();
    await moveIntoPlace(root, dir);
    return await done(fetched);
  } catch (error) {
    throw downloadError(error, release, dir, signal);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function findRelease(
  name: ReleaseName,
  registry: Readonly<Record<ReleaseName, MovieLensRelease>>,
): MovieLensRelease {
  const release = isReleaseName(name) ? registry[name] : undefined;
  if (release === undefined) {
    throw new DataError(
      'unknown-release',
      `unknown MovieLens release "${name}"; known releases: ${RELEASE_NAMES.join(', ')}`,
    );
  }
  return release;
}

/** Streams the zip from `url` to `zipPath` and checks its size and MD5 against GroupLens's figures. */
async function fetchVerifiedZip(
  release: MovieLensRelease,
  url: string,
  zipPath: string,
  options: DownloadMovieLensOptions,
): Promise<FetchedFile> {
  const { signal, onProgress } = options;
  const fetch = options.fetch ?? globalThis.fetch;
  const md5Url = options.baseUrl === undefined ? release.md5Url : `${url}.md5`;
  const expectedMd5 = release.md5 ?? (await publishedMd5(md5Url, fetch, signal, release.file));
  const fetched = await fetchToFile(url, zipPath, {
    fetch,
    label: release.file,
    expectedBytes: release.bytes,
    ...(signal && { signal }),
    ...(onProgress && { onProgress }),
  });
  if (release.bytes !== undefined && fetched.bytes !== release.bytes) {
    throw new DataError(
      'size-mismatch',
      `${release.file} from ${url} has ${fetched.bytes} bytes, but GroupLens's ${release.file} has ${release.bytes}; ` +
        'the file on the server is not the expected release',
    );
  }
  if (fetched.md5 !== expectedMd5) {
    throw new DataError(
      'checksum-mismatch',
      `checksum mismatch for ${release.file} from ${url}: expected md5 ${expectedMd5}, got ${fetched.md5}; ` +
        'the download is corrupt or the file changed on the server',
    );
  }
  return fetched;
}

/** What a failed download throws: `aborted` after an abort, a DataError as it is, else `download-failed`. */
function downloadError(
  error: unknown,
  release: MovieLensRelease,
  dir: string,
  signal: AbortSignal | undefined,
): DataError {
  if (signal?.aborted) {
    return new DataError('aborted', `download of ${release.name} was aborted; nothing was kept`, {
      cause: error,
    });
  }
  if (error instanceof DataError) return error;
  return new DataError(
    'download-failed',
    `download of ${release.name} into ${dir} failed: ${describe(error)}`,
    {
      cause: error,
    },
  );
}

/** GroupLens's checksum for a release that is not pinned in the registry. */
async function publishedMd5(
  url: string,
  fetch: Fetch,
  signal: AbortSignal | undefined,
  file: string,
): Promise<string> {
  const text = await fetchText(url, fetch, signal, `the checksum of ${file}`);
  const md5 = parseMd5File(text);
  if (md5 === undefined)
    throw new DataError('download-failed', `${url} holds no MD5 checksum; cannot verify ${file}`);
  return md5;
}

/**
 * The folder to rename into place: the zip's single top-level folder (whatever its name, e.g.
 * `ml-10M100K`), or the extraction folder itself when the files sit at the top level.
 */
async function releaseRoot(extracted: string, release: MovieLensRelease): Promise<string> {
  const entries = (await readdir(extracted, { withFileTypes: true })).filter((e) => e.name !== '__MACOSX');
  if (entries.length === 0) throw new DataError('bad-archive', `${release.file} is empty`);
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.isDirectory()) return join(extracted, only.name);
  return extracted;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
