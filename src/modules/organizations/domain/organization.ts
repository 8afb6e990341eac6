/** Tenants: dealerships (seed 003), repair shops (seed 004) and creator studios (seed 000). */
export const ORGANIZATION_KINDS = ['dealership', 'repair_shop', 'creator_studio'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Kinds any verified user may create; dealerships are created by a platform admin. */
export const SELF_SERVICE_KINDS: readonly OrganizationKind[] = ['repair_shop', 'creator_studio'];

export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const NAME_MAX_LENGTH = 120;
export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CONTACT_MAX_LENGTH = 300;
export const SUSPENSION_REASON_MAX_LENGTH = 500;

export interface OrganizationContact {
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  address: string | null;
}

export interface Organization extends OrganizationContact {
  id: string;
  kind: OrganizationKind;
  name: string;
  slug: string;
  status: OrganizationStatus;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** "Ténéré Moto-Works GmbH" -> "tenere-moto-works-gmbh"; padded when too short, cut when too long. */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
  return base.length >= SLUG_MIN_LENGTH ? base : `${base || 'org'}-${'0'.repeat(SLUG_MIN_LENGTH)}`.slice(0, SLUG_MAX_LENGTH);
}

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN_LENGTH && slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(slug);
}
