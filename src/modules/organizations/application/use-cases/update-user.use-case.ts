import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors } from '../../domain';
import { activeRole, isPlatformAdmin } from '../access';
import { ACCOUNTS, Accounts, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import { UserQueries } from '../queries/user.queries';
import type { UserView } from '../views';
import { changeRole } from './change-member-role.use-case';

/**
 * A principal updates a user of the active organization (name, role there);
 * a platform admin updates anyone's name. The role is always the role in the
 * active organization, so a principal can never reach another organization.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
    private readonly users: UserQueries,
  ) {}

  async execute(ctx: RequestContext, userId: string, changes: { fullName?: string; role?: OrganizationRole }): Promise<UserView> {
    const active = activeRole(ctx);
    const asPrincipal = active?.role === 'principal';
    const member = asPrincipal ? await this.uow.repos.memberships.find(active.orgId, userId) : undefined;
    if (!member && !isPlatformAdmin(ctx)) throw asPrincipal ? OrganizationsErrors.userNotFound() : OrganizationsErrors.forbidden();
    const account = await this.accounts.get(ctx, userId);
    if (!account) throw OrganizationsErrors.userNotFound();
    if (changes.role !== undefined && !member) throw OrganizationsErrors.userRoleNeedsOrganization();

    if (changes.fullName !== undefined) await this.accounts.rename(ctx, userId, changes.fullName);
    await this.uow.run(async (repos) => {
      if (changes.role !== undefined && member) {
        await changeRole(
          ctx,
          repos,
          { orgId: member.orgId, userId, role: changes.role },
          { missing: OrganizationsErrors.userNotFound, actorMinimum: 'principal' },
        );
      }
      await repos.audit.record(ctx, {
        orgId: member?.orgId ?? null,
        action: 'user.updated',
        targetType: 'account',
        targetId: userId,
        metadata: {
          fields: Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined),
          ...(member ? {} : { as_platform_admin: true }),
        },
      });
    });
    return this.users.get(ctx, userId);
  }
}
