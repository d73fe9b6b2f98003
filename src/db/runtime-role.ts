import type pg from 'pg';
import { RUNTIME_PRIVILEGES } from './runtime-privileges.js';

export interface RuntimeRoleOptions {
  /** The role the gateway processes log in as. */
  role: string;
  /** Its password; omitted: an existing role keeps its own, a new one gets none (certificate or peer authentication). */
  password?: string;
}

export interface RuntimeRoleReport {
  created: boolean;
  tables: number;
}

/**
 * Creates (or brings up to date) the gateway's runtime role on the connected database, as the
 * role that owns the schema (the one that runs the migrations). Idempotent: run it after every
 * `liaison migrate`. Everything the role had on the schema's tables is revoked first, then the
 * privileges of RUNTIME_PRIVILEGES granted, in one transaction.
 */
export async function setUpRuntimeRole(client: pg.ClientBase, options: RuntimeRoleOptions): Promise<RuntimeRoleReport> {
  const role = client.escapeIdentifier(options.role);
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const unlisted = tables.map((t) => t.name).filter((name) => !Object.hasOwn(RUNTIME_PRIVILEGES, name));
  if (unlisted.length) {
    throw new Error(`no runtime privileges are defined for ${unlisted.join(', ')}: add the table to RUNTIME_PRIVILEGES`);
  }
  await client.query('BEGIN');
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [options.role]);
    const created = !rowCount;
    const password = options.password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(options.password)}`;
    // NOINHERIT and no attributes: the role gets only what is granted to it by name below.
    await client.query(`${created ? 'CREATE' : 'ALTER'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT${password}`);
    const { rows: [database] } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database!.name)} TO ${role}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    for (const { name } of tables) {
      await client.query(`GRANT ${RUNTIME_PRIVILEGES[name]!.join(', ')} ON TABLE ${client.escapeIdentifier(name)} TO ${role}`);
    }
    await client.query('COMMIT');
    return { created, tables: tables.length };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
