import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { normalizeEmail } from '../../domain';
import { PASSWORD_RESET_QUEUE, PasswordResetQueue } from '../ports';

/**
 * Accepts a reset request. The lookup and the e-mail happen in a job
 * (IssuePasswordResetUseCase), so the answer is the same, in body and in time,
 * whether or not an account has this address.
 */
@Injectable()
export class RequestPasswordResetUseCase {
  constructor(@Inject(PASSWORD_RESET_QUEUE) private readonly queue: PasswordResetQueue) {}

  async execute(ctx: RequestContext, input: { email: string }): Promise<void> {
    await this.queue.enqueue(ctx, normalizeEmail(input.email));
  }
}
