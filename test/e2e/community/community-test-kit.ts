import { Inject, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { unitOfWorkProvider } from '../../../src/platform/database/unit-of-work';
import type { RequestContext, UnitOfWork } from '../../../src/platform/kernel';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { createTestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { Actor, Body, OrganizationsClient } from '../organizations/organizations-test-kit';

export { API } from '../organizations/organizations-test-kit';
export type { Actor, Body } from '../organizations/organizations-test-kit';

const PUBLISHER_UOW = Symbol('COMMUNITY_TEST_PUBLISHER_UOW');

/**
 * Publishes another context's event the way that context does: through a
 * unit of work, stored with its transaction and relayed after the commit.
 */
@Injectable()
export class EventPublisherProbe {
  constructor(@Inject(PUBLISHER_UOW) private readonly uow: UnitOfWork<{ db: EntityManager }>) {}

  async publish(type: string, payload: object, ctx: Partial<RequestContext> = {}, orgId: string | null = null): Promise<void> {
    await this.uow.run(async (_repos, events) => {
      events.publish({ requestId: `community-spec-${randomUUID()}`, roles: [], ...ctx }, { type, orgId, payload });
    });
  }
}

@Module({ providers: [EventPublisherProbe, unitOfWorkProvider(PUBLISHER_UOW, (db) => ({ db }))] })
export class EventPublisherProbeModule {}

export async function communityApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    processJobs: true,
    extraImports: [EventPublisherProbeModule],
    config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', EVENTS_RELAY_INTERVAL_MS: '100', ...overrides }),
  });
}

export class CommunityClient extends OrganizationsClient {
  publish(type: string, payload: object, ctx: Partial<RequestContext> = {}, orgId: string | null = null): Promise<void> {
    return this.t.app.get(EventPublisherProbe).publish(type, payload, ctx, orgId);
  }

  async notifications(actor: Actor, query: Record<string, string> = {}): Promise<Body> {
    return this.expectOk(this.request('GET', '/notifications', { token: actor.token }, { query }));
  }

  /** Waits until `actor` has a notification matching `match` (notifications are made by event handlers in jobs). */
  async waitForNotification(actor: Actor, match: (n: Body) => boolean, what = 'a notification'): Promise<Body> {
    return waitFor(
      async () => {
        const page = await this.notifications(actor, { limit: '100' });
        return (page.data as Body[]).find(match);
      },
      15_000,
      what,
    );
  }

  /** Rows of community_notifications of a user, whatever the channel (in-app off included). */
  async rows(userId: string, type?: string): Promise<Body[]> {
    return this.db.query(
      `SELECT * FROM community_notifications WHERE user_id = $1 ${type ? 'AND type = $2' : ''} ORDER BY updated_at DESC`,
      type ? [userId, type] : [userId],
    );
  }

  async outbox(recipient: string, since: Date): Promise<Array<{ subject: string; body: string }>> {
    return this.db.query(`SELECT subject, body FROM outbox_messages WHERE recipient = $1 AND created_at >= $2 ORDER BY created_at`, [recipient, since]);
  }

  /** Waits until every event this context handles was handled (so "nothing arrived" means nothing will). */
  async eventsSettled(): Promise<void> {
    await waitFor(
      async () => {
        const [row]: Array<{ n: number }> = await this.db.query(
          `SELECT count(*)::int AS n FROM integration_events e
            WHERE e.relay_scope = $1
              AND (e.type LIKE 'community.%' OR e.type LIKE 'messaging.%' OR e.type LIKE 'commerce.%' OR e.type LIKE 'bookings.%'
                   OR e.type IN ('marketplace.listing.verdict-recorded', 'marketplace.listing.published'))
              AND (e.dispatched_at IS NULL OR NOT EXISTS (SELECT 1 FROM integration_event_handlings h WHERE h.event_id = e.id))`,
          [this.t.config.redis.keyPrefix],
        );
        return row.n === 0;
      },
      15_000,
      'every event handled',
    );
  }
}
