import { DynamicModule, Module, Provider } from '@nestjs/common';
import { API_KEY_VERIFIER, TENANT_RESOLVER } from '../../platform/auth/principal';
import { OrganizationsApi } from './application/organizations.api';
import { ACCOUNTS, INVITATION_MESSAGES, ORGANIZATION_SECRETS, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsRepositories } from './application/ports';
import { AuditQueries } from './application/queries/audit.queries';
import { OrganizationQueries } from './application/queries/organization.queries';
import { UserQueries } from './application/queries/user.queries';
import { AnswerInvitationUseCase } from './application/use-cases/answer-invitation.use-case';
import { AssignMemberUseCase } from './application/use-cases/assign-member.use-case';
import { AuthenticateApiKeyUseCase } from './application/use-cases/authenticate-api-key.use-case';
import { ChangeMemberRoleUseCase } from './application/use-cases/change-member-role.use-case';
import { CreateApiKeyUseCase } from './application/use-cases/create-api-key.use-case';
import { CreateOrganizationUseCase } from './application/use-cases/create-organization.use-case';
import { CreateUserUseCase } from './application/use-cases/create-user.use-case';
import { DeleteUserUseCase } from './application/use-cases/delete-user.use-case';
import { InviteMemberUseCase } from './application/use-cases/invite-member.use-case';
import { RemoveMemberUseCase } from './application/use-cases/remove-member.use-case';
import { ResolveTenantUseCase } from './application/use-cases/resolve-tenant.use-case';
import { RevokeApiKeyUseCase } from './application/use-cases/revoke-api-key.use-case';
import { RevokeInvitationUseCase } from './application/use-cases/revoke-invitation.use-case';
import { SetMemberStatusUseCase } from './application/use-cases/set-member-status.use-case';
import { SetOrganizationStatusUseCase } from './application/use-cases/set-organization-status.use-case';
import { UpdateOrganizationUseCase } from './application/use-cases/update-organization.use-case';
import { UpdateUserUseCase } from './application/use-cases/update-user.use-case';
import { NodeOrganizationSecrets } from './infrastructure/crypto/node-organization.secrets';
import { AdminOrganizationsController } from './infrastructure/http/admin-organizations.controller';
import { ApiKeysController } from './infrastructure/http/api-keys.controller';
import { AuditEventsController } from './infrastructure/http/audit-events.controller';
import { InvitationResponsesController, OrganizationInvitationsController } from './infrastructure/http/invitations.controller';
import { MembersController } from './infrastructure/http/members.controller';
import { OrganizationsController } from './infrastructure/http/organizations.controller';
import { UsersController } from './infrastructure/http/users.controller';
import { IdentityAccounts } from './infrastructure/identity/identity-accounts';
import { NotificationInvitationMessages } from './infrastructure/messaging/notification-invitation.messages';
import { SqlApiKeyRepository } from './infrastructure/persistence/api-key.repository';
import { SqlAuditLog } from './infrastructure/persistence/audit-log';
import { SqlInvitationRepository } from './infrastructure/persistence/invitation.repository';
import { SqlMembershipRepository } from './infrastructure/persistence/membership.repository';
import { SqlOrganizationRepository } from './infrastructure/persistence/organization.repository';
import { IdentityEventsHandler } from './infrastructure/events/identity-events.handler';
import { ImportSecurityEventUseCase } from './application/use-cases/import-security-event.use-case';
import { unitOfWorkProvider } from '../../platform/database/unit-of-work';
import { DemoDataSeeder } from './infrastructure/seed/demo-data.seeder';

const USE_CASES = [
  CreateOrganizationUseCase,
  UpdateOrganizationUseCase,
  SetOrganizationStatusUseCase,
  ChangeMemberRoleUseCase,
  AssignMemberUseCase,
  RemoveMemberUseCase,
  SetMemberStatusUseCase,
  InviteMemberUseCase,
  AnswerInvitationUseCase,
  RevokeInvitationUseCase,
  CreateApiKeyUseCase,
  RevokeApiKeyUseCase,
  AuthenticateApiKeyUseCase,
  ResolveTenantUseCase,
  CreateUserUseCase,
  UpdateUserUseCase,
  DeleteUserUseCase,
  ImportSecurityEventUseCase,
];

const ADAPTERS: Provider[] = [
  // The context's tables are read and written with SQL (no entities): small rows, explicit locks, one round trip per check.
  unitOfWorkProvider(ORGANIZATIONS_UNIT_OF_WORK, (db): OrganizationsRepositories => ({
    organizations: new SqlOrganizationRepository(db),
    memberships: new SqlMembershipRepository(db),
    invitations: new SqlInvitationRepository(db),
    apiKeys: new SqlApiKeyRepository(db),
    audit: new SqlAuditLog(db),
  })),
  { provide: ACCOUNTS, useClass: IdentityAccounts },
  { provide: ORGANIZATION_SECRETS, useClass: NodeOrganizationSecrets },
  { provide: INVITATION_MESSAGES, useClass: NotificationInvitationMessages },
];

/**
 * The organizations context: tenants, memberships and roles, invitations, API
 * keys, user management and the audit log. Global because the platform's
 * AuthGuard and TenantGuard (declared in PlatformModule) resolve
 * API_KEY_VERIFIER and TENANT_RESOLVER from it, and other contexts reach
 * OrganizationsApi.
 */
@Module({})
export class OrganizationsModule {
  static register(options: { serveHttp: boolean }): DynamicModule {
    return {
      module: OrganizationsModule,
      global: true,
      controllers: options.serveHttp
        ? [
            OrganizationsController,
            AdminOrganizationsController,
            MembersController,
            OrganizationInvitationsController,
            InvitationResponsesController,
            ApiKeysController,
            UsersController,
            AuditEventsController,
          ]
        : [],
      providers: [
        ...ADAPTERS,
        ...USE_CASES,
        OrganizationQueries,
        UserQueries,
        AuditQueries,
        OrganizationsApi,
        DemoDataSeeder,
        IdentityEventsHandler,
        { provide: API_KEY_VERIFIER, useExisting: AuthenticateApiKeyUseCase },
        { provide: TENANT_RESOLVER, useExisting: ResolveTenantUseCase },
      ],
      exports: [API_KEY_VERIFIER, TENANT_RESOLVER, OrganizationsApi],
    };
  }
}
