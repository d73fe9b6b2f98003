import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs `work` in one transaction on a plain node-postgres client of the gateway's pool: the
 * write side issues multi-row statements (`jsonb_to_recordset`) and reads their RETURNING
 * rows, which TypeORM's query runner reshapes per statement kind. Rolls back on any error.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A client whose rollback failed is closed rather than returned to the pool.
    client.release(broken ? true : undefined);
  }
}
