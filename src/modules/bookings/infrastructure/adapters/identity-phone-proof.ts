import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import type { PhoneProof } from '../../application/ports';

/** A guest's phone, proven with the identity context's verification code. */
@Injectable()
export class IdentityPhoneProof implements PhoneProof {
  constructor(private readonly identity: IdentityApi) {}

  confirm(ctx: RequestContext, phone: string, code: string): Promise<boolean> {
    return this.identity.confirmPhoneCode(ctx, phone, code);
  }
}
