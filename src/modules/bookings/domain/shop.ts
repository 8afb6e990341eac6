import type { ServiceLocation } from './booking';
import type { Closure, OpeningHours } from './shop-schedule';

/** A repair shop as customers choose it and as availability is computed from. One per repair-shop organization. */
export interface ShopProfile {
  orgId: string;
  name: string;
  addressLine: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  /** The country calling code national phone numbers are read with (`91` for India). */
  callingCode: string;
  phone: string;
  email: string | null;
  /** IANA time zone the hours are written in. */
  timeZone: string;
  /** ISO 4217: prices and bookings are in this currency. */
  currency: string;
  weeklyHours: OpeningHours[];
  closures: Closure[];
  serviceLocations: ServiceLocation[];
  /** Where home service goes: an address mentioning one of these postal codes or cities. */
  homeServicePostalCodes: string[];
  homeServiceCities: string[];
  /** The catalog's vehicle types the shop works on. */
  vehicleTypeIds: string[];
  slotStepMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** Customers cancel or reschedule online until this long before the appointment. */
  cancelNoticeMinutes: number;
  updatedAt: Date;
}

export interface Bay {
  id: string;
  orgId: string;
  name: string;
  active: boolean;
}

export interface ServiceCategory {
  id: string;
  orgId: string;
  name: string;
  description: string;
  position: number;
  active: boolean;
}

export interface Service {
  id: string;
  orgId: string;
  categoryId: string;
  name: string;
  description: string;
  durationMinutes: number;
  basePriceMinor: number;
  active: boolean;
}

/** Whether a home address is in the shop's service area (no area listed: anywhere). */
export function inServiceArea(shop: Pick<ShopProfile, 'homeServicePostalCodes' | 'homeServiceCities'>, address: string): boolean {
  const areas = [...shop.homeServicePostalCodes, ...shop.homeServiceCities];
  if (areas.length === 0) return true;
  const folded = address.toLowerCase();
  return areas.some((area) => folded.includes(area.toLowerCase()));
}
