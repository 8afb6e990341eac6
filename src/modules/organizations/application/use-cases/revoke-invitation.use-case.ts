import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsErrors, mayInvite } from '../../domain';
import { requireRoleIn } from '../access';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/** Withdraws a pending invitation (whoever may send it may withdraw it); its token stops working at once. */
@Injectable()
export class RevokeInvitationUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; invitationId: string }): Promise<void> {
    const actor = requireRoleIn(ctx, input.orgId, 'manager');
    await this.uow.run(async (repos) => {
      const invitation = await repos.invitations.findForUpdate(input.orgId, input.invitationId);
      if (!invitation || invitation.status !== 'pending') throw OrganizationsErrors.invitationNotFound();
      if (!mayInvite(actor, invitation.role)) throw OrganizationsErrors.forbidden('Managers withdraw staff invitations only.');
      await repos.invitations.close(invitation.id, 'revoked', ctx.userId ?? null, new Date());
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: invitation.id,
        metadata: { email: invitation.email, role: invitation.role },
      });
    });
  }
}
