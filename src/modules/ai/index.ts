/** The ai context's public surface: nothing else is imported from outside. */
export { AiModule } from './ai.module';
export { AiApi } from './application/ai.api';
export type { CompleteJsonRequest, CompleteJsonResult, StreamChatRequest, StreamChatResult } from './application/ai.api';
export type { ChatMessage } from './application/ports';
export type { FinishedTrainingByDay } from './application/training-ports';
export { AI_ERRORS } from './domain/ai-errors';
export type { AiErrorCode } from './domain/ai-errors';
/** The ai context's port for reading listings, served by the marketplace context (which already depends on ai): no cycle. */
export { MARKETPLACE_LISTINGS } from './application/ports';
export { TRAINING_SESSION_FINISHED } from './application/training/training-events';
export type { TrainingSessionFinishedPayload } from './application/training/training-events';
export type { CatalogListing, MarketplaceListings } from './application/ports';
