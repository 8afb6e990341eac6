import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { dataSourceOptions } from './data-source-options';

/** Applies every pending migration in one transaction each; returns their names. */
export async function runMigrations(config: AppConfig, databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(config, databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
