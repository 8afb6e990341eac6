import type { BookedService } from './booking';

export interface PricedService {
  id: string;
  name: string;
  durationMinutes: number;
  basePriceMinor: number;
  /** The shop's price for one vehicle model, when it has one. */
  modelPriceMinor: number | null;
}

export interface Quote {
  services: BookedService[];
  totalMinor: number;
  durationMinutes: number;
}

/** The price of a service for a vehicle model: the model's price when the shop set one, else the base price. */
export function priceFor(service: Pick<PricedService, 'basePriceMinor' | 'modelPriceMinor'>): number {
  return service.modelPriceMinor ?? service.basePriceMinor;
}

/** What a set of services costs and takes, in integer minor units of the shop's currency. */
export function quote(services: PricedService[]): Quote {
  const lines = services.map((service) => ({
    serviceId: service.id,
    name: service.name,
    priceMinor: priceFor(service),
    durationMinutes: service.durationMinutes,
  }));
  return {
    services: lines,
    totalMinor: lines.reduce((sum, line) => sum + line.priceMinor, 0),
    durationMinutes: lines.reduce((sum, line) => sum + line.durationMinutes, 0),
  };
}
