/** `ai.training.session-finished`: a role-play session ended with its score (published after commit). */
export const TRAINING_SESSION_FINISHED = 'ai.training.session-finished';

/** Payload of ai.training.session-finished (version 1). */
export interface TrainingSessionFinishedPayload {
  sessionId: string;
  orgId: string;
  traineeUserId: string;
  scenarioId: string;
  /** 0 to 100. */
  scoreTotal: number;
  finishedAt: string;
}
