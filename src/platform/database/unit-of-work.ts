import { Injectable, Provider } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EventPublisher, IntegrationEvent, UnitOfWork } from '../kernel/events';
import { EventOutbox, integrationEvent } from '../events/event-outbox';
import { EventRelay } from '../events/event-relay';
import { TransactionRunner } from './transaction';

/**
 * The one unit of work of every context: a context gives the function that
 * builds its repositories over a connection or a transaction, and gets
 * `repos` (outside a transaction) and `run` (inside one, with an event
 * publisher). Events published in `run` are stored in the same transaction and
 * relayed after it commits; a rollback drops them with the rest.
 */
@Injectable()
export class UnitOfWorkFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: EventOutbox,
    private readonly relay: EventRelay,
  ) {}

  create<R>(repositories: (db: EntityManager) => R): UnitOfWork<R> {
    return {
      repos: repositories(this.dataSource.manager),
      run: async <T>(work: (repos: R, events: EventPublisher) => Promise<T>): Promise<T> => {
        const pending: IntegrationEvent[] = [];
        const events: EventPublisher = { publish: (ctx, draft) => void pending.push(integrationEvent(ctx, draft) as IntegrationEvent) };
        const result = await this.transactions.run(async (manager) => {
          const value = await work(repositories(manager), events);
          await this.outbox.store(manager, pending);
          return value;
        });
        if (pending.length > 0) this.relay.nudge();
        return result;
      },
    };
  }
}

/** `{ provide: token, useFactory: (factory) => factory.create(repositories) }`: a context's unit of work provider. */
export function unitOfWorkProvider<R>(token: symbol | string, repositories: (db: EntityManager) => R): Provider {
  return { provide: token, inject: [UnitOfWorkFactory], useFactory: (factory: UnitOfWorkFactory) => factory.create(repositories) };
}
