import pg from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { entities } from '../entities/index.js';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming-strategy.js';
import { ANSWER_GRACE_MS, clientWithAnswerDeadline } from './answer-deadline.js';
import { DEFAULT_RANDOM_PAGE_COST, plannerOptions } from './planner-settings.js';

// DATE columns stay 'YYYY-MM-DD' strings: no time zone can shift them, and the policy
// engine compares them as strings exactly as PostgreSQL compares dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Per-statement limit, in ms (bounded queries). */
  statementTimeoutMs?: number;
  /** Longest wait for a connection (from the pool or a new one), in ms. */
  connectTimeoutMs?: number;
  /**
   * Whether every query also ends, client-side, `ANSWER_GRACE_MS` after the statement
   * timeout even when the server does not answer at all (the gateway). Off for commands that
   * raise the statement timeout for long work (`liaison seed`).
   */
  answerDeadline?: boolean;
  applicationName?: string;
  /** The planner's random page cost on these connections (planner-settings.ts); null keeps the server's. */
  randomPageCost?: number | null;
  /** Receives every SQL statement (tests count them to prove batching). */
  queryLogger?: TypeOrmLogger;
}

/**
 * How long a pooled connection lives before the pool replaces it. PostgreSQL keeps a
 * connection's prepared statements until it closes; compiled reads change their text when the
 * policy or the date does, so a connection that lived for ever would collect them for ever.
 */
export const CONNECTION_LIFETIME_SECONDS = 3600;

/**
 * `url` with the planner's startup options added to its `options` parameter (after any it
 * already carries): pg takes what the URL says over the pool's own settings, so they go there.
 */
function withStartupOptions(url: string, planner: string | undefined): string {
  if (!planner) return url;
  const parsed = new URL(url);
  const carried = parsed.searchParams.get('options');
  parsed.searchParams.set('options', carried ? `${carried} ${planner}` : planner);
  return parsed.toString();
}

export function createDataSource(options: DataSourceOptions): DataSource {
  const planner = plannerOptions(options.randomPageCost === undefined ? DEFAULT_RANDOM_PAGE_COST : options.randomPageCost);
  return new DataSource({
    type: 'postgres',
    url: withStartupOptions(options.url, planner),
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
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      // Prepared statements live as long as their connection: renewed hourly, the set each holds stays bounded (run-statement.ts).
      maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? 'liaison',
      keepAlive: true,
      ...(options.answerDeadline ? { Client: clientWithAnswerDeadline((options.statementTimeoutMs ?? 10_000) + ANSWER_GRACE_MS) } : {}),
    },
  });
}
