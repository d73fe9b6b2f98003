import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface Database {
  url: string;
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Opens the database the gateway and the CLI use: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL in LIAISON_DATA_DIR (joining the one a running gateway started).
 */
export async function openDatabase(
  config: Config, log: Logger, options: { poolSize?: number; applicationName?: string; answerDeadline?: boolean; detachEmbedded?: boolean } = {},
): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, detached: options.detachEmbedded, log: (message) => log.info(message) });
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({
    url,
    poolSize: options.poolSize ?? config.db.poolSize,
    statementTimeoutMs: config.db.statementTimeoutMs,
    connectTimeoutMs: config.db.connectTimeoutMs,
    randomPageCost: config.db.randomPageCost,
    answerDeadline: options.answerDeadline,
    applicationName: options.applicationName,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    dataSource,
    embedded,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
