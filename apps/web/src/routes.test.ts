import { describe, expect, it } from 'vitest';
import { tabFromHash } from './routes';

describe('tabFromHash', () => {
  it('opens the tab a link names and falls back to Data & EDA', () => {
    expect(tabFromHash('#/models')).toBe('models');
    expect(tabFromHash('#/similar?x=1')).toBe('similar');
    expect(tabFromHash('')).toBe('data');
    expect(tabFromHash('#/nope')).toBe('data');
  });
});
