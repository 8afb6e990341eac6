import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../../platform/database/transaction';
import type { IdentityRepositories, IdentityUnitOfWork } from '../../application/ports';
import { TypeOrmAccountRepository } from './typeorm-account.repository';
import { TypeOrmAccountTokenRepository, TypeOrmLoginThrottleRepository, TypeOrmOtpRepository } from './typeorm-one-time.repositories';
import { TypeOrmSecurityEventRecorder } from './typeorm-security-event.recorder';
import { TypeOrmRefreshTokenRepository, TypeOrmSessionRepository } from './typeorm-session.repository';

function repositories(manager: EntityManager): IdentityRepositories {
  return {
    accounts: new TypeOrmAccountRepository(manager),
    sessions: new TypeOrmSessionRepository(manager),
    refreshTokens: new TypeOrmRefreshTokenRepository(manager),
    accountTokens: new TypeOrmAccountTokenRepository(manager),
    otps: new TypeOrmOtpRepository(manager),
    loginThrottles: new TypeOrmLoginThrottleRepository(manager),
    securityEvents: new TypeOrmSecurityEventRecorder(manager),
  };
}

@Injectable()
export class TypeOrmIdentityUnitOfWork implements IdentityUnitOfWork {
  readonly repos: IdentityRepositories;

  constructor(
    dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {
    this.repos = repositories(dataSource.manager);
  }

  run<T>(work: (repos: IdentityRepositories) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(repositories(manager)));
  }
}
