import 'reflect-metadata';
import { configOrExit } from '../platform/bootstrap';
import { runMigrations } from '../platform/database/migrate';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const config = configOrExit();
  if (!config.database.url) {
    process.stderr.write('DATABASE_URL is required to run migrations (npm run dev migrates the embedded database itself)\n');
    process.exit(78);
  }
  const applied = await runMigrations(config, config.database.url);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
