import type { ReleaseLayout, ReleaseName } from './types';

/** Where GroupLens serves the MovieLens zips and their `.zip.md5` checksum files. */
export const GROUPLENS_BASE_URL = 'https://files.grouplens.org/datasets/movielens/';

/** One downloadable GroupLens release. */
export interface MovieLensRelease {
  readonly name: ReleaseName;
  readonly layout: ReleaseLayout;
  /** File name of the zip on files.grouplens.org, e.g. `ml-20m.zip`. */
  readonly file: string;
  /** Full download URL. */
  readonly url: string;
  /** The single top-level folder inside the zip; ml-10m's is `ml-10M100K`, not `ml-10m`. */
  readonly zipFolder: string;
  /**
   * Size of the zip in bytes, pinned for the frozen releases. Undefined for the two "latest"
   * releases, which GroupLens rebuilds in place; their size is checked against Content-Length only.
   */
  readonly bytes: number | undefined;
  /**
   * MD5 of the zip as GroupLens publishes it in `<file>.md5` (`MD5 (ml-20m.zip) = ...`), pinned for
   * the frozen releases. Undefined for the "latest" releases, whose published checksum is fetched
   * from `md5Url` at download time instead.
   */
  readonly md5: string | undefined;
  readonly md5Url: string;
  /** False for releases GroupLens updates in place ("development" datasets). */
  readonly frozen: boolean;
}

function release(
  name: ReleaseName,
  layout: ReleaseLayout,
  zipFolder: string,
  pinned: { bytes: number; md5: string } | undefined,
): MovieLensRelease {
  const file = `${name}.zip`;
  return {
    name,
    layout,
    file,
    url: GROUPLENS_BASE_URL + file,
    zipFolder,
    bytes: pinned?.bytes,
    md5: pinned?.md5,
    md5Url: `${GROUPLENS_BASE_URL + file}.md5`,
    frozen: pinned !== undefined,
  };
}

/**
 * Every GroupLens release this package downloads. Sources of the pinned figures: the MD5s are the
 * ones in GroupLens's `.zip.md5` files, as quoted verbatim (`MD5 (ml-1m.zip) = ...`) by several
 * public download scripts and checked-in provenance records; the sizes are the Content-Length
 * that files.grouplens.org reports (recorded in public wget logs and download scripts that check
 * them). Nothing here was computed by this project.
 *
 * ml-latest and ml-latest-small are rebuilt by GroupLens from time to time, so neither size nor
 * checksum is pinned (the 2018 ml-latest-small zip was 978,202 bytes, but a rebuild would change
 * that): their checksum is read from GroupLens's `.zip.md5` at download time.
 */
export const MOVIELENS_RELEASES: Readonly<Record<ReleaseName, MovieLensRelease>> = {
  'ml-100k': release('ml-100k', 'ml-100k', 'ml-100k', {
    bytes: 4_924_029,
    md5: '0e33842e24a9c977be4e0107933c0723',
  }),
  'ml-1m': release('ml-1m', 'dat', 'ml-1m', { bytes: 5_917_549, md5: 'c4d9eecfca2ab87c1945afe126590906' }),
  'ml-10m': release('ml-10m', 'dat', 'ml-10M100K', {
    bytes: 65_566_137,
    md5: 'ce571fd55effeba0271552578f2648bd',
  }),
  'ml-20m': release('ml-20m', 'csv', 'ml-20m', {
    bytes: 198_702_078,
    md5: 'cd245b17a1ae2cc31bb14903e1204af3',
  }),
  'ml-25m': release('ml-25m', 'csv', 'ml-25m', {
    bytes: 261_978_986,
    md5: '6b51fb2759a8657d3bfcbfc42b592ada',
  }),
  'ml-latest': release('ml-latest', 'csv', 'ml-latest', undefined),
  'ml-latest-small': release('ml-latest-small', 'csv', 'ml-latest-small', undefined),
};

export const RELEASE_NAMES = Object.keys(MOVIELENS_RELEASES) as ReleaseName[];

export function isReleaseName(name: string): name is ReleaseName {
  return Object.hasOwn(MOVIELENS_RELEASES, name);
}
