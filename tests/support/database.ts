import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createDataSource } from '../../src/db/data-source.js';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  /** Runs SQL as the server's superuser on this database (e.g. to bypass triggers in tamper tests). */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A private copy of the migrated, seeded template database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = inject('database');
  const parentPid = template.split('_')[2];
  const name = `liaison_test_${parentPid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, poolSize: 10 });
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    sql: async <T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]> => (await dataSource.query(text, values)) as T[],
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
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
