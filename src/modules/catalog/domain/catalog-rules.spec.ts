import { isPlausibleModelYear, isSearchable, isSlug, maxModelYear, modelYearErrors, slugify, SLUG_MAX_LENGTH } from './catalog-rules';
import { catalogStatus } from './vehicle-catalog';

const NOW = new Date('2025-11-24T12:00:00Z');

describe('slugify', () => {
  it.each([
    ['Ténéré 700', 'tenere-700'],
    ['CBR1000RR-R Fireblade SP', 'cbr1000rr-r-fireblade-sp'],
    ['ID.4', 'id-4'],
    ['Škoda', 'skoda'],
    ['Citroën', 'citroen'],
    ['Pleasure+', 'pleasure'],
    ['  Wagon   R  ', 'wagon-r'],
    ['Großglockner', 'grossglockner'],
    ['Mégane E-Tech', 'megane-e-tech'],
    ['---', ''],
  ])('%p -> %p', (name, slug) => expect(slugify(name)).toBe(slug));

  it('never exceeds the slug length nor ends on a hyphen', () => {
    const slug = slugify(`${'a'.repeat(SLUG_MAX_LENGTH - 1)} b`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).not.toMatch(/-$/);
    expect(isSlug(slug)).toBe(true);
  });

  it('always yields something isSlug accepts (or nothing)', () => {
    for (const name of ['MT-07', 'F-150', 'Model 3', '3 Series', 'X-ADV', 'Ninja ZX-10R', 'Rocket 3 GT']) {
      expect(isSlug(slugify(name))).toBe(true);
    }
  });
});

describe('isSlug', () => {
  it.each(['honda', 'cbr600rr', 'mt-07', '3-series'])('accepts %p', (slug) => expect(isSlug(slug)).toBe(true));
  it.each(['', 'Honda', 'mt--07', '-mt', 'mt-', 'mt 07', 'tenéré', 'a'.repeat(SLUG_MAX_LENGTH + 1)])('refuses %p', (slug) => expect(isSlug(slug)).toBe(false));
});

describe('model years', () => {
  it('accepts 1885 up to two years ahead of the clock', () => {
    expect(maxModelYear(NOW)).toBe(2027);
    expect(isPlausibleModelYear(1885, NOW)).toBe(true);
    expect(isPlausibleModelYear(2027, NOW)).toBe(true);
    expect(isPlausibleModelYear(1884, NOW)).toBe(false);
    expect(isPlausibleModelYear(2028, NOW)).toBe(false);
    expect(isPlausibleModelYear(2020.5, NOW)).toBe(false);
  });

  it('reports each bad field', () => {
    expect(modelYearErrors({ firstYear: 2003, lastYear: null }, NOW)).toEqual({});
    expect(modelYearErrors({ firstYear: 2003, lastYear: 2003 }, NOW)).toEqual({});
    expect(modelYearErrors({ firstYear: 2010, lastYear: 2005 }, NOW)).toEqual({ last_year: ['last_year must not be before first_year'] });
    expect(Object.keys(modelYearErrors({ firstYear: 1700, lastYear: 3000 }, NOW)).sort()).toEqual(['first_year', 'last_year']);
  });
});

describe('isSearchable', () => {
  it.each(['cbr', 'MT-07', 'ténéré', '7', 'Урал'])('accepts %p', (q) => expect(isSearchable(q)).toBe(true));
  it.each(['', '   ', '%', '--_', '+*'])('refuses %p', (q) => expect(isSearchable(q)).toBe(false));
});

describe('catalogStatus', () => {
  it('is retired once retiredAt is set', () => {
    expect(catalogStatus({ retiredAt: null })).toBe('active');
    expect(catalogStatus({ retiredAt: NOW })).toBe('retired');
  });
});
