import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { UnitOfWorkFactory } from '../database/unit-of-work';
import { DemoSeeds } from '../demo/demo-seed';
import { EventDeliveryProcessor } from './event-delivery.processor';
import { EventOutbox } from './event-outbox';
import { EventHandlerRegistry } from './event-registry';
import { EventRelay } from './event-relay';

/**
 * Integration events: stored with the change (outbox), relayed after commit,
 * delivered as one Bull job per subscribing handler. `processJobs` loads the
 * delivery processor; every process relays. (Also home of the discovery-based
 * demo seed runner, which needs the same DiscoveryModule.)
 */
@Global()
@Module({})
export class EventsModule {
  static register(options: { processJobs: boolean }): DynamicModule {
    return {
      module: EventsModule,
      imports: [DiscoveryModule],
      providers: [EventHandlerRegistry, EventOutbox, EventRelay, UnitOfWorkFactory, DemoSeeds, ...(options.processJobs ? [EventDeliveryProcessor] : [])],
      exports: [EventOutbox, EventRelay, UnitOfWorkFactory, EventHandlerRegistry, DemoSeeds],
    };
  }
}
