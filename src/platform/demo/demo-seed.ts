import 'reflect-metadata';
import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

const DEMO_SEED_METADATA = 'revsync:demo-seed';

/** A module's demo data: `seed()` is idempotent (a second run finds what the first made and adds nothing). */
export interface DemoSeeder {
  seed(): Promise<unknown>;
}

/**
 * Marks a provider as the demo data of its module. `npm run dev` runs every
 * seeder of the application, lowest `order` first (accounts and
 * organizations are 0; a context that needs another's demo data takes a
 * higher order). Never in production.
 */
export function DemoSeed(options: { order: number }): ClassDecorator {
  return (target) => Reflect.defineMetadata(DEMO_SEED_METADATA, options, target);
}

/** Finds and runs the demo seeders of the application, in order. */
@Injectable()
export class DemoSeeds {
  private readonly logger = new Logger('DemoSeeds');

  constructor(private readonly discovery: DiscoveryService) {}

  list(): Array<{ name: string; order: number; seeder: DemoSeeder }> {
    const found: Array<{ name: string; order: number; seeder: DemoSeeder }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as DemoSeeder | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const options = Reflect.getMetadata(DEMO_SEED_METADATA, wrapper.metatype) as { order: number } | undefined;
      if (options) found.push({ name: instance.constructor.name, order: options.order, seeder: instance });
    }
    return found.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  }

  async runAll(production: boolean): Promise<Record<string, unknown>> {
    if (production) throw new Error('The demo data is for local use: it never runs in production.');
    const outcomes: Record<string, unknown> = {};
    for (const { name, seeder } of this.list()) {
      outcomes[name] = await seeder.seed();
      this.logger.log({ msg: 'demo data seeded', seeder: name, outcome: outcomes[name] });
    }
    return outcomes;
  }
}
