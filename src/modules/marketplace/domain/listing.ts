import { MarketplaceErrors } from './marketplace-errors';

export const LISTING_KINDS = ['tune', 'vehicle', 'part'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const LISTING_STATUSES = ['draft', 'submitted', 'in_review', 'approved', 'rejected', 'needs_human', 'published', 'archived'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const TUNE_STAGES = ['stage1', 'stage2', 'stage3', 'custom'] as const;
export type TuneStage = (typeof TUNE_STAGES)[number];
export const PART_CONDITIONS = ['new', 'used', 'refurbished'] as const;
export type PartCondition = (typeof PART_CONDITIONS)[number];
export const VEHICLE_CONDITIONS = ['new', 'used', 'certified_pre_owned'] as const;
export type VehicleCondition = (typeof VEHICLE_CONDITIONS)[number];

/** Which organization kinds may sell which listing kinds. */
export const KINDS_BY_ORGANIZATION: Record<string, readonly ListingKind[]> = {
  creator_studio: ['tune'],
  dealership: ['vehicle', 'part'],
  repair_shop: ['part'],
};

export const TITLE_MAX_LENGTH = 160;
export const DESCRIPTION_MAX_LENGTH = 10_000;
export const MAX_PRICE_MINOR = 100_000_000_000;
export const MAX_STOCK = 1_000_000;

/** What a tune declares it changes on the ECU. Emission flags never pass the gate without a human. */
export interface DeclaredChanges {
  revLimitRpm: number | null;
  ignitionAdvanceDeg: number | null;
  afrMin: number | null;
  afrMax: number | null;
  fuelMapChangePct: number | null;
  speedLimiterRemoved: boolean;
  catalyticConverterDelete: boolean;
  o2SensorOff: boolean;
  egrOff: boolean;
  secondaryAirOff: boolean;
}

export const EMISSION_FLAGS = ['catalyticConverterDelete', 'o2SensorOff', 'egrOff', 'secondaryAirOff'] as const;

export interface StoredFile {
  key: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  fileName: string;
}

export interface TuneDetails {
  kind: 'tune';
  modelIds: string[];
  ecuFamily: string;
  stage: TuneStage;
  declaredChanges: DeclaredChanges;
  file: StoredFile | null;
}

export interface VehicleDetails {
  kind: 'vehicle';
  modelId: string;
  year: number;
  mileageKm: number;
  condition: VehicleCondition;
  vin: string;
  colour: string | null;
  location: string | null;
  photos: StoredFile[];
}

export interface PartDetails {
  kind: 'part';
  modelIds: string[];
  partNumber: string;
  condition: PartCondition;
  photos: StoredFile[];
}

export type ListingDetails = TuneDetails | VehicleDetails | PartDetails;

export interface ListingTransition {
  from: ListingStatus | null;
  to: ListingStatus;
  reason: string | null;
  at: Date;
}

export interface ListingState {
  id: string;
  orgId: string;
  kind: ListingKind;
  status: ListingStatus;
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  /** Units left to sell: parts count them, a vehicle is one unit, tunes are unlimited (null). */
  stock: number | null;
  details: ListingDetails;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ListingChanges {
  title?: string;
  description?: string;
  priceMinor?: number;
  currency?: string;
  stock?: number;
  details?: Partial<Omit<TuneDetails, 'kind'>> | Partial<Omit<VehicleDetails, 'kind'>> | Partial<Omit<PartDetails, 'kind'>>;
}

/** The lifecycle: who may follow whom. */
const NEXT: Record<ListingStatus, readonly ListingStatus[]> = {
  draft: ['submitted', 'archived'],
  submitted: ['in_review'],
  in_review: ['approved', 'rejected', 'needs_human'],
  // a human decides, or an admin asks for a new review
  needs_human: ['approved', 'rejected', 'in_review'],
  approved: ['published', 'archived', 'submitted', 'in_review'],
  // the owner edits it (back to draft), appeals (to a human) or an admin asks for a new review
  rejected: ['draft', 'needs_human', 'in_review', 'archived'],
  published: ['archived', 'submitted', 'in_review'],
  archived: [],
};

const EDITABLE: readonly ListingStatus[] = ['draft', 'rejected', 'approved', 'published'];

export function canMove(from: ListingStatus, to: ListingStatus): boolean {
  return NEXT[from].includes(to);
}

function fail(errors: Record<string, string[]>, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * A listing of the marketplace and its lifecycle: draft → submitted →
 * in_review → approved | rejected | needs_human → published → archived.
 * Every move is recorded as a transition (pulled by the use case and
 * published as an event). Edits to a tune's file or declared changes after it
 * was approved send it back to review.
 */
export class Listing {
  private transitions: ListingTransition[] = [];

  private constructor(private state: ListingState) {}

  static create(
    input: Omit<ListingState, 'status' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'version' | 'stock'> & { stock?: number | null; now: Date },
  ): Listing {
    const stock = input.kind === 'tune' ? null : input.kind === 'vehicle' ? 1 : (input.stock ?? 0);
    const { now, ...rest } = input;
    const listing = new Listing({ ...rest, stock, status: 'draft', publishedAt: null, createdAt: now, updatedAt: now, version: 1 });
    listing.validate();
    listing.transitions.push({ from: null, to: 'draft', reason: null, at: now });
    return listing;
  }

  static restore(state: ListingState): Listing {
    return new Listing({ ...state });
  }

  get id(): string {
    return this.state.id;
  }
  get orgId(): string {
    return this.state.orgId;
  }
  get kind(): ListingKind {
    return this.state.kind;
  }
  get status(): ListingStatus {
    return this.state.status;
  }
  get details(): ListingDetails {
    return this.state.details;
  }

  snapshot(): ListingState {
    return structuredClone(this.state);
  }

  /** The moves made since the listing was loaded (or created), oldest first; clears them. */
  pullTransitions(): ListingTransition[] {
    const pulled = this.transitions;
    this.transitions = [];
    return pulled;
  }

  update(changes: ListingChanges, now: Date): { backToReview: boolean } {
    if (!EDITABLE.includes(this.state.status)) throw MarketplaceErrors.notEditable(this.state.status);
    const before = this.state.details;
    const next: ListingState = { ...this.state, details: { ...before } as ListingDetails };
    if (changes.title !== undefined) next.title = changes.title;
    if (changes.description !== undefined) next.description = changes.description;
    if (changes.priceMinor !== undefined) next.priceMinor = changes.priceMinor;
    if (changes.currency !== undefined) next.currency = changes.currency;
    if (changes.stock !== undefined) {
      if (this.state.kind !== 'part') throw MarketplaceErrors.validation({ stock: ['only parts have a stock'] });
      next.stock = changes.stock;
    }
    if (changes.details) {
      const { kind: _ignored, ...details } = changes.details as Record<string, unknown>;
      next.details = { ...before, ...details, kind: before.kind } as ListingDetails;
    }
    const previous = this.state;
    this.state = next;
    try {
      this.validate();
    } catch (error) {
      this.state = previous;
      throw error;
    }
    this.state.updatedAt = now;
    this.state.version += 1;
    let backToReview = false;
    if (this.state.kind === 'tune' && (this.state.status === 'published' || this.state.status === 'approved')) {
      const a = before as TuneDetails;
      const b = this.state.details as TuneDetails;
      if (JSON.stringify(a.declaredChanges) !== JSON.stringify(b.declaredChanges) || a.file?.sha256 !== b.file?.sha256) {
        this.move('submitted', 'the tune file or its declared changes were edited', now);
        backToReview = true;
      }
    }
    if (this.state.status === 'rejected') this.move('draft', 'edited after rejection', now);
    return { backToReview };
  }

  /** The owner asks for review. A tune needs its file first. */
  submit(now: Date): void {
    if (this.state.kind === 'tune' && !(this.state.details as TuneDetails).file) throw MarketplaceErrors.fileMissing();
    this.move('submitted', null, now);
  }

  startReview(now: Date, reason: string | null = null): void {
    this.move('in_review', reason, now);
  }

  recordVerdict(verdict: 'approved' | 'rejected' | 'needs_human', reason: string, now: Date): void {
    this.move(verdict, reason, now);
  }

  publish(now: Date): void {
    this.move('published', null, now);
    this.state.publishedAt = now;
  }

  archive(now: Date, reason: string | null = null): void {
    this.move('archived', reason, now);
  }

  /** The owner's appeal of a rejection: a human looks at it. */
  appeal(reason: string, now: Date): void {
    this.move('needs_human', reason, now);
  }

  private move(to: ListingStatus, reason: string | null, now: Date): void {
    const from = this.state.status;
    if (!canMove(from, to)) throw MarketplaceErrors.invalidTransition(from, to);
    this.state.status = to;
    this.state.updatedAt = now;
    this.state.version += 1;
    this.transitions.push({ from, to, reason, at: now });
  }

  private validate(): void {
    const s = this.state;
    const errors: Record<string, string[]> = {};
    if (!s.title.trim() || s.title.length > TITLE_MAX_LENGTH) fail(errors, 'title', `title must be 1 to ${TITLE_MAX_LENGTH} characters`);
    if (s.description.length > DESCRIPTION_MAX_LENGTH) fail(errors, 'description', `description must be at most ${DESCRIPTION_MAX_LENGTH} characters`);
    if (!Number.isSafeInteger(s.priceMinor) || s.priceMinor < 0 || s.priceMinor > MAX_PRICE_MINOR)
      fail(errors, 'price_minor', 'price_minor must be a non-negative integer');
    if (!CURRENCY.test(s.currency)) fail(errors, 'currency', 'currency must be an ISO 4217 code');
    if (s.details.kind !== s.kind) fail(errors, 'kind', 'details do not match the kind');
    const d = s.details;
    if (d.kind === 'tune') {
      if (d.modelIds.length < 1 || d.modelIds.length > 50) fail(errors, 'model_ids', 'a tune targets 1 to 50 vehicle models');
      if (!d.ecuFamily.trim()) fail(errors, 'ecu_family', 'ecu_family is required');
      const c = d.declaredChanges;
      if (c.afrMin !== null && c.afrMax !== null && c.afrMin > c.afrMax) fail(errors, 'declared_changes', 'afr_min must not exceed afr_max');
    } else if (d.kind === 'vehicle') {
      if (d.year < 1886 || d.year > now().getUTCFullYear() + 1) fail(errors, 'year', 'year is out of range');
      if (d.mileageKm < 0) fail(errors, 'mileage_km', 'mileage_km must be non-negative');
      if (!/^[A-HJ-NPR-Z0-9]{11,17}$/.test(d.vin)) fail(errors, 'vin', 'vin must be 11 to 17 characters (no I, O or Q)');
    } else {
      if (d.modelIds.length > 200) fail(errors, 'model_ids', 'at most 200 compatible models');
      if (!d.partNumber.trim()) fail(errors, 'part_number', 'part_number is required');
      if (s.stock === null || !Number.isInteger(s.stock) || s.stock < 0 || s.stock > MAX_STOCK) fail(errors, 'stock', 'stock must be a non-negative integer');
    }
    if (Object.keys(errors).length > 0) throw MarketplaceErrors.validation(errors);
  }
}

function now(): Date {
  return new Date();
}

/** The catalog models a listing is about: a tune's targets, a part's compatible models, a vehicle's model. */
export function listingModelIds(details: ListingDetails): string[] {
  return details.kind === 'vehicle' ? [details.modelId] : details.modelIds;
}

/** A VIN as shown to anyone but the owner: the last four characters. */
export function maskVin(vin: string): string {
  return `${'*'.repeat(Math.max(0, vin.length - 4))}${vin.slice(-4)}`;
}

/** The event type each arrival status raises. */
export function transitionEventType(to: ListingStatus): string {
  switch (to) {
    case 'submitted':
      return 'marketplace.listing.submitted';
    case 'in_review':
      return 'marketplace.listing.review-started';
    case 'approved':
    case 'rejected':
    case 'needs_human':
      return 'marketplace.listing.verdict-recorded';
    case 'published':
      return 'marketplace.listing.published';
    case 'archived':
      return 'marketplace.listing.archived';
    default:
      return 'marketplace.listing.drafted';
  }
}
