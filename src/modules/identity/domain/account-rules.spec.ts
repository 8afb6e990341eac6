import { ageInYears, checkDateOfBirth, checkFullName, checkPassword, checkPhoneNumber, isCommonPassword, parseCalendarDate } from './account-rules';

const TODAY = new Date('2026-06-15T12:00:00Z');

describe('account rules', () => {
  it.each(['John Doe', 'Zoë Ångström', 'Иван Петров', '山田 太郎', 'José María'])('accepts the name %s', (name) => {
    expect(checkFullName(name)).toEqual([]);
  });

  it.each(['J', 'John  Doe', 'John3', "O'Brien", 'a'.repeat(51), ' ', 'Jean-Luc'])('refuses the name %j', (name) => {
    expect(checkFullName(name).length).toBeGreaterThan(0);
  });

  it('requires length, upper, lower, digit and special, and says which are missing', () => {
    expect(checkPassword('Velvet#Orbit42')).toEqual([]);
    expect(checkPassword('velvet')).toEqual([
      'password must be at least 8 characters long',
      'password must contain an uppercase letter',
      'password must contain a digit',
      'password must contain a special character',
    ]);
  });

  it('refuses the e-mail as password and common passwords in disguise', () => {
    expect(checkPassword('Rider1!@example.com', 'rider1!@example.com')).toContain('password must not be your e-mail address');
    for (const common of ['Password1!', 'P@ssw0rd123!', 'Qwerty123!', 'Welcome1!', 'Letmein#2024', '!Dragon99']) expect(isCommonPassword(common)).toBe(true);
    expect(isCommonPassword('Velvet#Orbit42')).toBe(false);
  });

  it('validates E.164 numbers', () => {
    expect(checkPhoneNumber('+14155550123')).toEqual([]);
    for (const bad of ['14155550123', '+0123456789', '+1 415 555 0123', '+123']) expect(checkPhoneNumber(bad).length).toBe(1);
  });

  it('parses real calendar dates only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2023-02-29')).toBeUndefined();
    expect(parseCalendarDate('2023-2-1')).toBeUndefined();
  });

  it('counts age in whole years around the birthday, and requires 13', () => {
    expect(ageInYears({ year: 2013, month: 6, day: 15 }, TODAY)).toBe(13);
    expect(ageInYears({ year: 2013, month: 6, day: 16 }, TODAY)).toBe(12);
    expect(checkDateOfBirth('2013-06-15', TODAY)).toEqual([]);
    expect(checkDateOfBirth('2013-06-16', TODAY)).toEqual(['you must be at least 13 years old']);
    expect(checkDateOfBirth('2027-01-01', TODAY)).toEqual(['date_of_birth cannot be in the future']);
    expect(checkDateOfBirth('1800-01-01', TODAY)).toEqual(['date_of_birth is not plausible']);
  });
});
