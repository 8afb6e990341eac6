import { Injectable, Provider } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EventDraft, EventPublisher, IntegrationEvent, UnitOfWork } from '../kernel/events';
import type { RequestContext } from '../kernel/request-context';
import { EventOutbox, integrationEvent } from '../events/event-outbox';
import { EventRelay } from '../events/event-relay';
import { TransactionRunner } from './transaction';

/**
 * For a repository that stores an event in its own SQL statement (a
 * data-modifying CTE next to the row the event describes) rather than through
 * the unit of work's EventPublisher: one statement, atomic without a
 * transaction, on hot paths such as sign-in.
 */
export interface EventStatements {
  /** The INSERT of the event into the outbox, its placeholders numbered from `first`. */
  insert<P extends object>(ctx: RequestContext, draft: EventDraft<P>, first?: number): { sql: string; parameters: unknown[]; event: IntegrationEvent<P> };
  /**
   * Call once the statement holding an `insert` ran: outside a transaction the
   * relay is nudged now; inside `run`, after the commit.
   */
  written(): void;
}

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

  create<R>(repositories: (db: EntityManager, events: EventStatements) => R): UnitOfWork<R> {
    const immediate = this.statements(() => this.relay.nudge());
    return {
      repos: repositories(this.dataSource.manager, immediate),
      run: async <T>(work: (repos: R, events: EventPublisher) => Promise<T>): Promise<T> => {
        const pending: IntegrationEvent[] = [];
        let written = false;
        const events: EventPublisher = { publish: (ctx, draft) => void pending.push(integrationEvent(ctx, draft) as IntegrationEvent) };
        const result = await this.transactions.run(async (manager) => {
          const value = await work(
            repositories(
              manager,
              this.statements(() => (written = true)),
            ),
            events,
          );
          await this.outbox.store(manager, pending);
          return value;
        });
        if (pending.length > 0 || written) this.relay.nudge();
        return result;
      },
    };
  }

  private statements(onWritten: () => void): EventStatements {
    return {
      insert: (ctx, draft, first = 1) => {
        const event = integrationEvent(ctx, draft);
        return { ...this.outbox.insertStatement(event as IntegrationEvent, first), event };
      },
      written: onWritten,
    };
  }
}

/** `{ provide: token, useFactory: (factory) => factory.create(repositories) }`: a context's unit of work provider. */
export function unitOfWorkProvider<R>(token: symbol | string, repositories: (db: EntityManager, events: EventStatements) => R): Provider {
  return { provide: token, inject: [UnitOfWorkFactory], useFactory: (factory: UnitOfWorkFactory) => factory.create(repositories) };
}
