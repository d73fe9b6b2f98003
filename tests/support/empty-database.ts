import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createDataSource } from '../../src/db/data-source.js';

export interface EmptyDatabase {
  url: string;
  /** A TypeORM data source on it (opened on first use, closed by `drop`), e.g. for an in-process gateway. */
  dataSource(): Promise<DataSource>;
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A database with nothing in it — no schema, no agencies — as a new operator starts from, on
 * the run's PostgreSQL; named like the other test databases so a crashed run's leftovers are
 * dropped by the global teardown.
 */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const { adminUrl, template } = inject('database');
  const name = `liaison_test_${template.split('_')[2]}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  let dataSource: DataSource | undefined;
  return {
    url,
    dataSource: async () => {
      if (!dataSource) {
        dataSource = createDataSource({ url, poolSize: 4 });
        await dataSource.initialize();
      }
      return dataSource;
    },
    sql: async <T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
