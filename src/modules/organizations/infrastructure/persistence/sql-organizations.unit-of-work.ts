import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../../../platform/database/transaction';
import type { OrganizationsRepositories, OrganizationsUnitOfWork } from '../../application/ports';
import { SqlApiKeyRepository } from './api-key.repository';
import { SqlAuditLog } from './audit-log';
import { SqlInvitationRepository } from './invitation.repository';
import { SqlMembershipRepository } from './membership.repository';
import { SqlOrganizationRepository } from './organization.repository';
import type { Queryable } from '../../../../platform/database/sql';

function repositories(db: Queryable): OrganizationsRepositories {
  return {
    organizations: new SqlOrganizationRepository(db),
    memberships: new SqlMembershipRepository(db),
    invitations: new SqlInvitationRepository(db),
    apiKeys: new SqlApiKeyRepository(db),
    audit: new SqlAuditLog(db),
  };
}

/** The context's tables are read and written with SQL (no entities): small rows, explicit locks, one round trip per check. */
@Injectable()
export class SqlOrganizationsUnitOfWork implements OrganizationsUnitOfWork {
  readonly repos: OrganizationsRepositories;

  constructor(
    dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {
    this.repos = repositories(dataSource.manager);
  }

  run<T>(work: (repos: OrganizationsRepositories) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(repositories(manager)));
  }
}
