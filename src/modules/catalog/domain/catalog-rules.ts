/**
 * Rules shared by the HTTP validation and the services (which re-check them
 * for callers other than HTTP). Plain functions, unit-tested next to this file.
 */
export const NAME_MAX_LENGTH = 80;
export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SEARCH_MAX_LENGTH = 100;

/** The Benz Patent-Motorwagen: nothing in the catalog can be older. */
export const MODEL_YEAR_MIN = 1885;
/** Manufacturers announce model years ahead of the calendar; two years is the most the catalog accepts. */
export const MODEL_YEAR_LOOKAHEAD = 2;
/** Above the largest production engines (about 8.4 litres for cars, 2.5 litres for motorcycles). */
export const ENGINE_CC_MAX = 10_000;

/** Letters with no Unicode decomposition that still have an obvious ASCII spelling. */
const TRANSLITERATIONS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** "Ténéré 700" -> "tenere-700"; "ID.4" -> "id-4". Empty when the name has no letter or digit. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæøœđłþı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

export function maxModelYear(now: Date): number {
  return now.getUTCFullYear() + MODEL_YEAR_LOOKAHEAD;
}

export function isPlausibleModelYear(year: number, now: Date): boolean {
  return Number.isInteger(year) && year >= MODEL_YEAR_MIN && year <= maxModelYear(now);
}

/** Problems with a model's production years, by field (empty when they are fine). */
export function modelYearErrors(years: { firstYear: number; lastYear: number | null }, now: Date): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const range = `between ${MODEL_YEAR_MIN} and ${maxModelYear(now)}`;
  if (!isPlausibleModelYear(years.firstYear, now)) errors.first_year = [`first_year must be a year ${range}`];
  if (years.lastYear !== null && !isPlausibleModelYear(years.lastYear, now)) errors.last_year = [`last_year must be a year ${range}`];
  else if (years.lastYear !== null && years.lastYear < years.firstYear) errors.last_year = ['last_year must not be before first_year'];
  return errors;
}

/**
 * Searches ignore case, accents, spaces and punctuation ("mt07" finds "MT-07");
 * the database folds names and queries alike (catalog_search_key). A query
 * made only of spaces and punctuation would match everything, so it is refused.
 */
export function isSearchable(query: string): boolean {
  return /[^\s\p{P}\p{S}\p{C}]/u.test(query);
}
