import { COMMON_PASSWORDS } from './common-passwords';

/**
 * The rules an account's fields obey (seed 001 plus the additions).
 * Each returns the messages describing what is wrong, empty when the value is
 * acceptable, so the HTTP layer reports every field at once and a use case can
 * re-check the same rules for callers that are not HTTP.
 */
export type RuleResult = string[];

export const FULL_NAME_MIN = 2;
export const FULL_NAME_MAX = 50;
export const PASSWORD_MIN = 8;
/** argon2 is fed at most this much: a longer "password" is a denial-of-service attempt, not a secret. */
export const PASSWORD_MAX = 128;
export const MINIMUM_AGE_YEARS = 13;
export const MAXIMUM_AGE_YEARS = 150;
export const EMAIL_MAX = 254;

const NAME_PATTERN = /^[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)*$/u;
const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i' };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeFullName(name: string): string {
  return name.normalize('NFC').trim();
}

export function checkFullName(name: string): RuleResult {
  const value = normalizeFullName(name);
  const length = [...value].length;
  const problems: string[] = [];
  if (length < FULL_NAME_MIN || length > FULL_NAME_MAX) problems.push(`full_name must be ${FULL_NAME_MIN} to ${FULL_NAME_MAX} characters long`);
  if (!NAME_PATTERN.test(value)) problems.push('full_name may contain only letters and single spaces between words');
  return problems;
}

export function checkPhoneNumber(phone: string): RuleResult {
  return E164_PATTERN.test(phone) ? [] : ['phone_number must be in E.164 format, e.g. +14155550123'];
}

export function checkPassword(password: string, email?: string, field = 'password'): RuleResult {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN) problems.push(`${field} must be at least ${PASSWORD_MIN} characters long`);
  if ([...password].length > PASSWORD_MAX) problems.push(`${field} must be at most ${PASSWORD_MAX} characters long`);
  if (!/\p{Lu}/u.test(password)) problems.push(`${field} must contain an uppercase letter`);
  if (!/\p{Ll}/u.test(password)) problems.push(`${field} must contain a lowercase letter`);
  if (!/\p{Nd}/u.test(password)) problems.push(`${field} must contain a digit`);
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push(`${field} must contain a special character`);
  if (email && password.trim().toLowerCase() === normalizeEmail(email)) problems.push(`${field} must not be your e-mail address`);
  if (isCommonPassword(password)) problems.push(`${field} is too common: choose one that is not on lists of leaked passwords`);
  return problems;
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stem = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unleeted = [...lower].map((char) => LEET[char] ?? char).join('');
  const unleetedStem = unleeted.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const trailingStripped = [...lower.replace(/[^\p{L}]+$/u, '')].map((char) => LEET[char] ?? char).join('');
  return [stem, unleeted, unleetedStem, trailingStripped].some((candidate) => candidate.length > 0 && COMMON_PASSWORDS.has(candidate));
}

/** Parses an ISO calendar date (YYYY-MM-DD), refusing impossible ones such as 2023-02-30. */
export function parseCalendarDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Whole years between a birth date and `today` (UTC calendar). */
export function ageInYears(birth: { year: number; month: number; day: number }, today: Date): number {
  const years = today.getUTCFullYear() - birth.year;
  const beforeBirthday = today.getUTCMonth() + 1 < birth.month || (today.getUTCMonth() + 1 === birth.month && today.getUTCDate() < birth.day);
  return beforeBirthday ? years - 1 : years;
}

export function checkDateOfBirth(value: string, today: Date): RuleResult {
  const birth = parseCalendarDate(value);
  if (!birth) return ['date_of_birth must be a valid date in YYYY-MM-DD format'];
  const age = ageInYears(birth, today);
  if (age < 0) return ['date_of_birth cannot be in the future'];
  if (age < MINIMUM_AGE_YEARS) return [`you must be at least ${MINIMUM_AGE_YEARS} years old`];
  if (age > MAXIMUM_AGE_YEARS) return ['date_of_birth is not plausible'];
  return [];
}

/** Collects the problems of several fields; a field with none is left out. */
export function collectProblems(checks: Record<string, RuleResult | undefined>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string[]] => Boolean(entry[1]?.length)));
}
