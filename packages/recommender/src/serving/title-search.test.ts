import { describe, expect, it } from 'vitest';
import { displayTitle, normalizeText, titleVariants } from './title-search';

describe('normalizeText', () => {
  it('lower-cases, strips accents and collapses punctuation', () => {
    expect(normalizeText('  Amélie  ')).toBe('amelie');
    expect(normalizeText('Léon: The Professional')).toBe('leon the professional');
    expect(normalizeText('WALL·E')).toBe('wall e');
    expect(normalizeText('Crouching Tiger, Hidden Dragon (Wo hu cang long)')).toBe(
      'crouching tiger hidden dragon wo hu cang long',
    );
  });
});

describe('titleVariants', () => {
  it('moves a trailing article to the front and adds alternative titles', () => {
    const variants = titleVariants("Amelie (Fabuleux destin d'Amélie Poulain, Le)");
    expect(variants).toContain('amelie');
    expect(variants).toContain('le fabuleux destin d amelie poulain');
    expect(titleVariants('Matrix, The')).toEqual(expect.arrayContaining(['matrix the', 'the matrix']));
    expect(titleVariants('Shawshank Redemption, The')).toContain('the shawshank redemption');
  });
});

describe('displayTitle', () => {
  it('drops alternative titles and moves an English article back to the front', () => {
    expect(displayTitle('Usual Suspects, The')).toBe('The Usual Suspects');
    expect(displayTitle("Amelie (Fabuleux destin d'Amélie Poulain, Le)")).toBe('Amelie');
    expect(displayTitle('Ghostbusters (a.k.a. Ghost Busters)')).toBe('Ghostbusters');
    expect(displayTitle('Grande illusion, La')).toBe('Grande illusion, La');
    expect(displayTitle('Alien')).toBe('Alien');
  });
});
