import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';

export interface PhoneStatusView {
  phoneNumber: string | null;
  phoneVerified: boolean;
  verifiedAt: Date | null;
}

@Injectable()
export class GetPhoneVerificationStatusUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<PhoneStatusView> {
    const account = ctx.userId ? await this.uow.repos.accounts.findById(ctx.userId) : undefined;
    if (!account) throw IdentityErrors.accountNotFound();
    const state = account.snapshot();
    return { phoneNumber: state.phoneNumber, phoneVerified: state.phoneVerifiedAt !== null, verifiedAt: state.phoneVerifiedAt };
  }
}
