import { readFileSync } from 'node:fs';
import { thrownBy } from '@reco/core/testing';
import { defaultLogisticParams, defaultRandomForestParams, defaultXGBoostParams } from '@reco/models';
import { describe, expect, it } from 'vitest';
import { resolveStudyConfig } from './config';
import {
  StudyConfigFileSchema,
  studyConfigFromFile,
  studyConfigJsonSchemaText,
  studyConfigRecord,
} from './config-file';
import { StudyError } from './errors';
import { STUDY_SEARCH_SPACES } from './search-spaces';

const FILE = 'reco.config.yaml';

/** The StudyError a bad file raises, so tests can check its code, field and message. */
const errorOf = (value: unknown) => thrownBy(StudyError, () => studyConfigFromFile(value, FILE));

describe('studyConfigFromFile', () => {
  it('reads every setting the flags have, and a memory limit with a unit', () => {
    const config = studyConfigFromFile(
      {
        $schema: './reco.config.schema.json',
        data: 'ml-latest-small',
        models: ['lr', 'xgb'],
        tune: 'grid',
        split: 'user-time',
        likeThreshold: 4,
        trainSample: 5000,
        seed: 7,
        out: 'out',
        cf: 'off',
        memoryLimit: '4G',
        easeMaxItems: 500,
        rankingUsers: 200,
        families: { time: true },
      },
      FILE,
    );
    expect(config).toMatchObject({ models: ['lr', 'xgb'], likeThreshold: 4, memoryLimit: 4e9, seed: 7 });
    expect(config).not.toHaveProperty('$schema');
    const resolved = resolveStudyConfig(config);
    expect(resolved).toMatchObject({ tune: 'grid', split: 'user-time', cf: 'off', likeThresholdGiven: true });
  });

  it('puts a given search space in place of the study one, and keeps the others', () => {
    const config = studyConfigFromFile(
      {
        search: {
          xgb: { grid: { maxDepth: [3, 5] }, random: { eta: { type: 'log-uniform', low: 0.01, high: 0.1 } } },
        },
      },
      FILE,
    );
    const { search } = resolveStudyConfig(config);
    expect(search.xgb.grid).toEqual({ maxDepth: [3, 5] });
    expect(search.xgb.random).toEqual({ eta: { type: 'log-uniform', low: 0.01, high: 0.1 } });
    expect(search.rf).toEqual(STUDY_SEARCH_SPACES['random-forest']);
    expect(search.lr).toEqual(STUDY_SEARCH_SPACES.logistic);
  });

  it('names an unknown key by its path and lists the known ones', () => {
    const top = errorOf({ sed: 1 });
    expect(top.code).toBe('config');
    expect(top.field).toBe('sed');
    expect(top.message).toContain(`${FILE}: sed: unknown key; expected one of data, models`);
    const nested = errorOf({ search: { xgb: { grid: { depth: [3] } } } });
    expect(nested.field).toBe('search.xgb.grid.depth');
    expect(nested.message).toContain('maxDepth');
  });

  it('names a bad value by its path, says what is accepted and what it got', () => {
    const value = errorOf({ search: { xgb: { grid: { maxDepth: [6, 0] } } } });
    expect(value.field).toBe('search.xgb.grid.maxDepth[1]');
    expect(value.message).toContain('an integer from 1 to 64');
    expect(value.message).toContain('(got 0)');
    const choice = errorOf({ tune: 'all' });
    expect(choice.field).toBe('tune');
    expect(choice.message).toContain('one of "none", "grid", "random", "both"');
    expect(errorOf({ memoryLimit: 'lots' }).field).toBe('memoryLimit');
    expect(errorOf([1, 2]).field).toBe('(root)');
  });

  it('checks distributions: low below high, positive for log-uniform, integers for integer parameters', () => {
    const random = (d: unknown, param = 'eta') => errorOf({ search: { xgb: { random: { [param]: d } } } });
    expect(random({ type: 'uniform', low: 0.3, high: 0.1 }).message).toContain('expected low < high');
    expect(random({ type: 'log-uniform', low: 0, high: 0.1 }).message).toContain('low > 0');
    expect(random({ type: 'uniform', low: 2, high: 9 }, 'maxDepth').message).toContain(
      'integer distribution',
    );
    expect(random({ type: 'uniform', low: 0.1, high: 2 }).field).toBe('search.xgb.random.eta');
  });

  it('reads back what --print-config prints, to the same resolved config', () => {
    for (const given of [{}, { likeThreshold: 4, memoryLimit: 8e9, trainSample: 1000 }]) {
      const resolved = resolveStudyConfig(given);
      const printed = JSON.parse(JSON.stringify(studyConfigRecord(resolved)));
      expect(resolveStudyConfig(studyConfigFromFile(printed, FILE))).toEqual(resolved);
    }
  });

  it('prints an unset like threshold as null, so the dataset still chooses it', () => {
    expect(studyConfigRecord(resolveStudyConfig()).likeThreshold).toBeNull();
    expect(studyConfigRecord(resolveStudyConfig({ likeThreshold: 4 })).likeThreshold).toBe(4);
  });
});

describe('StudyConfigFileSchema', () => {
  it('offers only parameters the models know', () => {
    const search = StudyConfigFileSchema.properties.search as unknown as {
      properties: Record<string, { properties: { grid: { properties: object } } }>;
    };
    const known = { xgb: defaultXGBoostParams, rf: defaultRandomForestParams, lr: defaultLogisticParams };
    for (const [model, params] of Object.entries(known)) {
      const offered = Object.keys(search.properties[model]!.properties.grid.properties);
      expect(offered.length).toBeGreaterThan(0);
      for (const name of offered) expect(Object.keys(params), `${model}.${name}`).toContain(name);
    }
  });

  it('is the committed reco.config.schema.json (run `pnpm --filter @reco/study schema` after a change)', () => {
    const committed = readFileSync(new URL('../reco.config.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(studyConfigJsonSchemaText()));
  });
});
