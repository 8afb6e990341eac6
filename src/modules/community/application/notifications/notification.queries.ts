import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors } from '../../domain';
import { requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, NotificationCursor } from '../ports';
import { NotificationView, notificationView } from './notification-views';

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unreadCount: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Newest activity first; the cursor is the last row's (updated_at, id), opaque to clients. */
export function encodeCursor(cursor: NotificationCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): NotificationCursor {
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(at ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(updatedAt.getTime())) throw CommunityErrors.invalidCursor();
  return { updatedAt, id };
}

@Injectable()
export class NotificationQueries {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async list(ctx: RequestContext, options: { cursor?: string; limit: number; unreadOnly: boolean }): Promise<NotificationPage> {
    const userId = requireUser(ctx);
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const [rows, unreadCount] = await Promise.all([
      this.uow.repos.notifications.list(userId, { after, limit: options.limit + 1, unreadOnly: options.unreadOnly }),
      this.uow.repos.notifications.countUnread(userId),
    ]);
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(notificationView),
      nextCursor: rows.length > options.limit && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.id }) : null,
      unreadCount,
    };
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return this.uow.repos.notifications.countUnread(requireUser(ctx));
  }
}
