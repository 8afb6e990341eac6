import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { UnitOfWorkFactory } from '../database/unit-of-work';
import { EventDeliveryProcessor } from './event-delivery.processor';
import { EventOutbox } from './event-outbox';
import { EventHandlerRegistry } from './event-registry';
import { EventRelay } from './event-relay';

/**
 * Integration events: stored with the change (outbox), relayed after commit,
 * delivered as one Bull job per subscribing handler. `processJobs` loads the
 * delivery processor; every process relays.
 */
@Global()
@Module({})
export class EventsModule {
  static register(options: { processJobs: boolean }): DynamicModule {
    return {
      module: EventsModule,
      imports: [DiscoveryModule],
      providers: [EventHandlerRegistry, EventOutbox, EventRelay, UnitOfWorkFactory, ...(options.processJobs ? [EventDeliveryProcessor] : [])],
      exports: [EventOutbox, EventRelay, UnitOfWorkFactory, EventHandlerRegistry],
    };
  }
}
