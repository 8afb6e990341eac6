import { notificationTitle } from '../../domain';
import type { NotificationRecord } from '../ports';

export interface NotificationView {
  record: NotificationRecord;
  title: string;
  actorCount: number;
}

export function notificationView(record: NotificationRecord): NotificationView {
  const actorCount = record.actorIds.length;
  return {
    record,
    actorCount,
    title: notificationTitle({ type: record.type, actorCount, lastActorName: record.lastActorName, eventCount: record.eventCount, data: record.data }),
  };
}
