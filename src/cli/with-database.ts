import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createLogger } from '../observability/logger.js';

/**
 * Runs a CLI command against the database the gateway uses: DATABASE_URL, else the embedded
 * PostgreSQL in LIAISON_DATA_DIR (joined if a gateway runs on it, started and stopped otherwise).
 */
export async function withDatabase<T>(run: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase(config, log, { poolSize: 4, applicationName: 'liaison-cli' });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}
