import { Transform } from 'class-transformer';
import { DomainError } from '../../../../platform/kernel';

export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Printable text: no control or format characters (which hide text or reorder it). */
export const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;

/** Printable text over several lines (addresses, reasons). */
export const MULTILINE_TEXT = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;

/** An ISO 8601 string the DTO accepted, as a Date; a value JavaScript cannot represent is a 400 naming the field. */
export function toDate(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
      errors: { [field]: [`${field} must be a valid date-time`] },
    });
  }
  return date;
}

/** Problem descriptions shared by the routes under /organizations/{orgId}. */
export const NOT_A_MEMBER_404 = 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)';
export const ROLE_OR_SUSPENDED_403 =
  'The caller’s role is not enough (AUTH.FORBIDDEN, ORGANIZATIONS.FORBIDDEN) or the organization is suspended (ORGANIZATIONS.SUSPENDED)';
