import { Inject, Injectable } from '@nestjs/common';
import { AI_CONFIG, type AiConfig } from '../ai-config';
import { INTERACTIONS, type InteractionRepository } from '../ports';

const DAY_MS = 86_400_000;
/** One run never holds the worker longer than this many chunks; the next run continues. */
const MAX_CHUNKS_PER_RUN = 200;

/** Moves raw interaction events past their retention into daily counts, chunk by chunk, so the raw table stays small. */
@Injectable()
export class RollUpInteractionsUseCase {
  constructor(
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  async execute(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.interactions.rawRetentionDays * DAY_MS);
    let moved = 0;
    for (let chunk = 0; chunk < MAX_CHUNKS_PER_RUN; chunk++) {
      const count = await this.interactions.rollUp(before, this.config.interactions.rollupChunk);
      moved += count;
      if (count < this.config.interactions.rollupChunk) break;
    }
    return moved;
  }
}
