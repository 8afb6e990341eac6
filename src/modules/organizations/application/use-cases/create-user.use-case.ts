import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors } from '../../domain';
import { activeRole, isPlatformAdmin } from '../access';
import { ACCOUNTS, Accounts, Membership, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import type { UserView } from '../views';

export interface CreateUserInput {
  email: string;
  fullName: string;
  password: string;
  dateOfBirth: string;
  /** The role in the active organization; required for principals, who create users into their organization only. */
  role?: OrganizationRole;
}

/**
 * Seed 003's "create user" (admin or principal). A principal creates the
 * account straight into the active organization with a role; a platform admin
 * creates a bare account (and names memberships through the admin routes).
 * An e-mail that already has an account is refused: such a person is invited.
 */
@Injectable()
export class CreateUserUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async execute(ctx: RequestContext, input: CreateUserInput): Promise<UserView> {
    const active = activeRole(ctx);
    const asPrincipal = active?.role === 'principal';
    if (input.role !== undefined && !asPrincipal) {
      throw isPlatformAdmin(ctx) ? OrganizationsErrors.userRoleNeedsOrganization() : OrganizationsErrors.forbidden();
    }
    if (input.role === undefined) {
      if (!isPlatformAdmin(ctx)) {
        throw asPrincipal ? OrganizationsErrors.validation({ role: ['role is required'] }) : OrganizationsErrors.forbidden();
      }
    }
    const orgId = input.role !== undefined ? active!.orgId : undefined;
    if (orgId && !(await this.uow.repos.organizations.findById(orgId))) throw OrganizationsErrors.notFound();

    const account = await this.accounts.create(ctx, {
      email: input.email,
      fullName: input.fullName,
      password: input.password,
      dateOfBirth: input.dateOfBirth,
    });
    const memberships = await this.uow.run(async (repos) => {
      const created: Membership[] = [];
      if (orgId && input.role) {
        const now = new Date();
        const membership: Membership = {
          orgId,
          userId: account.id,
          role: input.role,
          status: 'active',
          addedBy: ctx.userId ?? null,
          joinedAt: now,
          updatedAt: now,
        };
        await repos.organizations.lock(orgId);
        await repos.memberships.insert(membership);
        created.push(membership);
      }
      await repos.audit.record(ctx, {
        orgId: orgId ?? null,
        action: 'user.created',
        targetType: 'account',
        targetId: account.id,
        metadata: { email: account.email, ...(input.role ? { role: input.role } : {}), ...(orgId ? {} : { as_platform_admin: true }) },
      });
      return created;
    });
    return { account, memberships };
  }
}
