import pg from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { entities } from '../entities/index.js';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming-strategy.js';

// DATE columns stay 'YYYY-MM-DD' strings: no time zone can shift them, and the policy
// engine compares them as strings exactly as PostgreSQL compares dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Per-statement limit, in ms (bounded queries). */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Receives every SQL statement (tests count them to prove batching). */
  queryLogger?: TypeOrmLogger;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    logging: options.queryLogger ? ['query'] : false,
    ...(options.queryLogger ? { logger: options.queryLogger } : {}),
    extra: {
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? 'liaison',
    },
  });
}
