import { FeatureError } from '../errors';
import type { MovieGenres } from '../genres';
import type { RowBlock } from '../kernel';
import { type Layout, ROW_FAMILIES, type RowFamilyName } from '../layout';
import { BaselineFamily, fitBiases } from './baseline';
import { type NewUserRows, normalizeRows, type RowFamily, type RowFamilyInput } from './family';
import { fitTaste, TasteFamily } from './taste';
import { fitTime, TimeFamily } from './time';

/** Fits every row family the layout outputs, in layout order. */
export function fitRowBlocks(
  input: Omit<RowFamilyInput, 'content'> & { readonly rawContent: Float32Array },
  layout: Layout,
  onFamily?: (name: RowFamilyName) => void,
): RowBlock[] {
  const content = normalizeRows(input.rawContent, input.contentDims);
  const full: RowFamilyInput = { ...input, content };
  const fit: Record<RowFamilyName, () => RowFamily> = {
    baseline: () => new BaselineFamily(fitBiases(full), input.nUsers, input.nMovies),
    taste: () =>
      new TasteFamily(
        fitTaste(full),
        input.nUsers,
        input.genres,
        content,
        input.contentDims,
        input.likeThreshold,
      ),
    time: () => new TimeFamily(fitTime(full), input.nUsers, input.nMovies),
  };
  return ROW_FAMILIES.filter((name) => layout.rowAt[name] >= 0).map((name) => {
    onFamily?.(name);
    const family = fit[name]();
    return { family, at: layout.rowAt[name], width: family.names.length };
  });
}

export function blocksForNewUser(blocks: readonly RowBlock[], rows: NewUserRows): RowBlock[] {
  return blocks.map((b) => ({ ...b, family: b.family.forNewUser(rows) }));
}

/** The FULL slice of each output row family, by name. */
export function rowBlocksToJson(blocks: readonly RowBlock[], layout: Layout): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ROW_FAMILIES) {
    const block = blocks.find((b) => b.at === layout.rowAt[name]);
    if (block !== undefined) out[name] = block.family.toJSON();
  }
  return out;
}

export interface RowJsonContext {
  readonly nUsers: number;
  readonly nMovies: number;
  readonly genres: MovieGenres;
  readonly rawContent: Float32Array;
  readonly contentDims: number;
  readonly likeThreshold: number;
}

export function rowBlocksFromJson(json: unknown, layout: Layout, c: RowJsonContext): RowBlock[] {
  const wanted = ROW_FAMILIES.filter((name) => layout.rowAt[name] >= 0);
  if (wanted.length === 0) return [];
  if (typeof json !== 'object' || json === null) {
    throw new FeatureError('bad-pipeline-json', 'FeaturePipeline.fromJSON: rows must be an object');
  }
  const record = json as Record<string, unknown>;
  return wanted.map((name) => {
    const part = record[name];
    if (typeof part !== 'object' || part === null) {
      throw new FeatureError('bad-pipeline-json', `FeaturePipeline.fromJSON: rows.${name} is missing`);
    }
    const p = part as Record<string, unknown>;
    const family: RowFamily =
      name === 'baseline'
        ? BaselineFamily.fromJSON(p, c.nUsers, c.nMovies)
        : name === 'taste'
          ? TasteFamily.fromJSON(
              p,
              c.nUsers,
              c.genres,
              normalizeRows(c.rawContent, c.contentDims),
              c.contentDims,
              c.likeThreshold,
            )
          : TimeFamily.fromJSON(p, c.nUsers, c.nMovies);
    return { family, at: layout.rowAt[name], width: family.names.length };
  });
}
