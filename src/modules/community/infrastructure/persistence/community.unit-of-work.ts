import type { EntityManager } from 'typeorm';
import { unitOfWorkProvider } from '../../../../platform/database/unit-of-work';
import { COMMUNITY_UNIT_OF_WORK, type CommunityRepositories } from '../../application/ports';
import { SqlCommentRepository } from './comment.repository';
import { SqlFlagRepository } from './flag.repository';
import { SqlForumRepository } from './forum.repository';
import { SqlNotificationRepository } from './notification.repository';
import { SqlPreferenceRepository } from './preference.repository';

function repositories(db: EntityManager): CommunityRepositories {
  return {
    notifications: new SqlNotificationRepository(db),
    preferences: new SqlPreferenceRepository(db),
    forum: new SqlForumRepository(db),
    flags: new SqlFlagRepository(db),
    comments: new SqlCommentRepository(db),
  };
}

/** The context's tables are read and written with plain SQL through the platform's unit of work. */
export const communityUnitOfWork = unitOfWorkProvider(COMMUNITY_UNIT_OF_WORK, repositories);
