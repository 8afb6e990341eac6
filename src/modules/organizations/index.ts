/** The organizations context's public surface: nothing else is imported from outside. */
export { OrganizationsModule } from './organizations.module';
export { OrganizationsApi } from './application/organizations.api';
export type { OrganizationSummary, UserMembershipSummary, ApiKeySummary, AuditEvent, AuditFilter } from './application/organizations.api';
export { ORGANIZATION_KINDS, ORGANIZATION_ROLES, ORGANIZATIONS_ERRORS, AUDIT_ACTIONS } from './domain';
export type { OrganizationKind, OrganizationRole, OrganizationStatus, OrganizationsErrorCode, AuditAction } from './domain';
export { ORG_MANAGER, ORG_PRINCIPAL, ORG_STAFF, organizationRoleOf } from './application/role-claims';
export { seedDemoData } from './infrastructure/seed/run-demo-seed';
export { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './infrastructure/seed/demo-data.seeder';
