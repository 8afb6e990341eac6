import { CatalogErrors } from '../domain/catalog-errors';
import { isSlug, NAME_MAX_LENGTH, SLUG_MAX_LENGTH, slugify } from '../domain/catalog-rules';

/**
 * Input checks the services repeat for callers other than HTTP (which
 * validates the same rules first, with field-level messages).
 */
export function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX_LENGTH) {
    throw CatalogErrors.validation({ name: [`name must be between 1 and ${NAME_MAX_LENGTH} characters`] });
  }
  return trimmed;
}

/** The given slug, or one derived from the name. Slugs never follow later renames: they are stable identifiers. */
export function resolveSlug(given: string | undefined, name: string): string {
  if (given !== undefined) {
    if (!isSlug(given))
      throw CatalogErrors.validation({ slug: [`slug must be lower-case letters and digits in hyphen-separated words, at most ${SLUG_MAX_LENGTH}`] });
    return given;
  }
  const derived = slugify(name);
  if (!derived) throw CatalogErrors.validation({ slug: ['slug is required when the name has no letter or digit to derive it from'] });
  return derived;
}

/** The fields that were given (audit metadata names what a change touched, `null` included). */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
