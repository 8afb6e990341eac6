import { Transform } from 'class-transformer';

export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Printable text on one line: no control or format characters (which hide or reorder text). */
export const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
/** Markdown: printable text over several lines (tabs kept for code blocks). */
export const MULTILINE_TEXT = /^(?:[^\p{Cc}\p{Cf}]|\r?\n|\t)*$/u;

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const NOT_FOUND_THREAD = 'No such thread the caller can see (COMMUNITY.THREAD_NOT_FOUND); a private board’s threads are 404 to non-members';
export const NOT_FOUND_POST = 'No such post the caller can see (COMMUNITY.POST_NOT_FOUND)';
export const NOT_FOUND_CATEGORY = 'No such category the caller can see (COMMUNITY.CATEGORY_NOT_FOUND)';
export const VALIDATION_400 = 'Invalid fields (HTTP.VALIDATION_FAILED), or a body that is empty once sanitized (COMMUNITY.EMPTY_CONTENT)';
export const FORBIDDEN_403 = 'The caller may not do this to this object (COMMUNITY.FORBIDDEN)';
