import type { DataSource } from 'typeorm';

/** Arbitrary constant: serialises migrations of every process sharing a database. */
const MIGRATION_LOCK = 7_324_901;

/**
 * Applies pending migrations (the only path by which the schema changes), one process at a
 * time. Returns the names of the migrations applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
