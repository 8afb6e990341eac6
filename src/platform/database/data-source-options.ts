import { join } from 'node:path';
import type { AppConfig } from '../config/config.schema';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

const SLOW_QUERY_MS = 500;

/** Compiled migrations live in dist/migrations; ts sources are used under jest and ts tooling. */
export function migrationGlobs(): string[] {
  const compiled = join(__dirname, '..', '..', 'migrations', '*.js');
  const sources = join(__dirname, '..', '..', '..', 'migrations', '*.ts');
  return __filename.endsWith('.ts') ? [sources] : [compiled];
}

export function dataSourceOptions(config: AppConfig, databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrations: migrationGlobs(),
    migrationsTableName: 'schema_migrations',
    entities: [],
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: SLOW_QUERY_MS,
    extra: {
      max: config.database.poolMax,
      // A dead connection is dropped and replaced, so a Postgres restart heals without an app restart.
      idleTimeoutMillis: 30_000,
      // Waiting for a free connection (or a new one to open) ends here: the request gets a 503 (see database/pool-errors.ts).
      connectionTimeoutMillis: config.database.acquireTimeoutMs,
      keepAlive: true,
      application_name: `revsync-${config.processRole}`,
      // Every transaction runs READ COMMITTED whatever the server's default, set once per connection: TypeORM
      // would otherwise send a separate SET TRANSACTION after each BEGIN, a round trip per unit of work. (Behind
      // PgBouncer, list `options` in its ignore_startup_parameters: the server default then applies.)
      options: '-c default_transaction_isolation=read\\ committed',
    },
  };
}
