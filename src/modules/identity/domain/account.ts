import { checkDateOfBirth, checkFullName, checkPhoneNumber, collectProblems, normalizeEmail, normalizeFullName } from './account-rules';
import { IdentityErrors } from './identity-errors';

export interface AccountState {
  id: string;
  email: string;
  fullName: string;
  passwordHash: string;
  /** ISO calendar date, YYYY-MM-DD. */
  dateOfBirth: string;
  phoneNumber: string | null;
  phoneVerifiedAt: Date | null;
  emailVerifiedAt: Date | null;
  roles: string[];
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfileChanges {
  fullName?: string;
  dateOfBirth?: string;
  /** `null` removes the number. */
  phoneNumber?: string | null;
}

/**
 * A person who can sign in. Its invariants: the e-mail is stored normalized,
 * the profile fields obey the account rules, the e-mail and phone are only
 * marked verified for the exact value that was proven, and changing the phone
 * number drops its verification.
 */
export class Account {
  private constructor(private state: AccountState) {}

  static register(
    input: { id: string; email: string; fullName: string; passwordHash: string; dateOfBirth: string; phoneNumber?: string | null },
    now: Date,
  ): Account {
    const problems = collectProblems({
      full_name: checkFullName(input.fullName),
      date_of_birth: checkDateOfBirth(input.dateOfBirth, now),
      phone_number: input.phoneNumber ? checkPhoneNumber(input.phoneNumber) : undefined,
    });
    if (Object.keys(problems).length) throw IdentityErrors.validation(problems);
    return new Account({
      id: input.id,
      email: normalizeEmail(input.email),
      fullName: normalizeFullName(input.fullName),
      passwordHash: input.passwordHash,
      dateOfBirth: input.dateOfBirth,
      phoneNumber: input.phoneNumber ?? null,
      phoneVerifiedAt: null,
      emailVerifiedAt: null,
      roles: [],
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: AccountState): Account {
    return new Account({ ...state, roles: [...state.roles] });
  }

  get id(): string {
    return this.state.id;
  }

  get email(): string {
    return this.state.email;
  }

  get passwordHash(): string {
    return this.state.passwordHash;
  }

  get roles(): string[] {
    return [...this.state.roles];
  }

  get isDisabled(): boolean {
    return this.state.disabledAt !== null;
  }

  get phoneNumber(): string | null {
    return this.state.phoneNumber;
  }

  get isPhoneVerified(): boolean {
    return this.state.phoneVerifiedAt !== null;
  }

  snapshot(): Readonly<AccountState> {
    return { ...this.state, roles: [...this.state.roles] };
  }

  updateProfile(changes: ProfileChanges, now: Date): void {
    const problems = collectProblems({
      full_name: changes.fullName !== undefined ? checkFullName(changes.fullName) : undefined,
      date_of_birth: changes.dateOfBirth !== undefined ? checkDateOfBirth(changes.dateOfBirth, now) : undefined,
      phone_number: changes.phoneNumber ? checkPhoneNumber(changes.phoneNumber) : undefined,
    });
    if (Object.keys(problems).length) throw IdentityErrors.validation(problems);
    if (changes.fullName !== undefined) this.state.fullName = normalizeFullName(changes.fullName);
    if (changes.dateOfBirth !== undefined) this.state.dateOfBirth = changes.dateOfBirth;
    if (changes.phoneNumber !== undefined && changes.phoneNumber !== this.state.phoneNumber) {
      this.state.phoneNumber = changes.phoneNumber;
      this.state.phoneVerifiedAt = null;
    }
    this.state.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.state.passwordHash = passwordHash;
    this.state.updatedAt = now;
  }

  /** Marks the e-mail verified only if the proof was for the address the account has now. */
  verifyEmail(provenAddress: string, now: Date): boolean {
    if (normalizeEmail(provenAddress) !== this.state.email) return false;
    if (this.state.emailVerifiedAt === null) this.state.emailVerifiedAt = now;
    this.state.updatedAt = now;
    return true;
  }

  /** The new address was proven by a token sent to it, so it starts verified. */
  changeEmail(provenAddress: string, now: Date): void {
    this.state.email = normalizeEmail(provenAddress);
    this.state.emailVerifiedAt = now;
    this.state.updatedAt = now;
  }

  verifyPhone(provenNumber: string, now: Date): void {
    this.state.phoneNumber = provenNumber;
    this.state.phoneVerifiedAt = now;
    this.state.updatedAt = now;
  }

  /** Platform-wide roles (e.g. platform_admin), granted by an operator; organization roles live elsewhere. */
  setPlatformRoles(roles: string[], now: Date): void {
    this.state.roles = [...new Set(roles)].sort();
    this.state.updatedAt = now;
  }

  disable(now: Date): void {
    if (this.state.disabledAt === null) this.state.disabledAt = now;
    this.state.updatedAt = now;
  }

  /** Lifts a suspension (a platform admin's decision). */
  enable(now: Date): void {
    this.state.disabledAt = null;
    this.state.updatedAt = now;
  }
}
