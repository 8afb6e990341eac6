import { unitOfWorkProvider } from '../../../../platform/database/unit-of-work';
import { MESSAGING_UNIT_OF_WORK, MessagingRepositories } from '../../application/ports';
import { SqlBlockRepository } from './sql-blocks.repository';
import { SqlConversationRepository } from './sql-conversations.repository';
import { SqlMessageRepository } from './sql-messages.repository';
import { SqlParticipantRepository } from './sql-participants.repository';

export const messagingUnitOfWork = unitOfWorkProvider<MessagingRepositories>(MESSAGING_UNIT_OF_WORK, (db) => ({
  conversations: new SqlConversationRepository(db),
  participants: new SqlParticipantRepository(db),
  messages: new SqlMessageRepository(db),
  blocks: new SqlBlockRepository(db),
}));
