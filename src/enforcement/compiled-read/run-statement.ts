import type { RequestContext } from '../../context/request-context.js';
import type { CachedStatement } from './statement-cache.js';

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Statement shapes prepared by this process. Each pooled connection keeps every statement it
 * prepared until it closes, and callers choose their selections: beyond this many shapes a
 * statement runs unnamed (parsed and planned each time), so no client can make the server
 * hold an unbounded number of prepared statements.
 */
const MAX_PREPARED_SHAPES = 500;
const prepared = new Set<string>();

/** TypeORM's PostgreSQL driver hands out a pooled `pg` client (named statements need the client itself). */
interface PooledDriver {
  obtainMasterConnection(): Promise<[PgClient, (error?: unknown) => void]>;
}

/** A row of a compiled read: one record's JSON (`j`) and its position (`n`; 0 for a count's row). */
export interface CompiledRow {
  j: unknown;
  n: number;
}

/**
 * Runs a compiled read as a named prepared statement: its text depends only on the shape of
 * the selection and on the caller's policy, so each connection parses and plans a shape once
 * (the name is the text's digest, taken once per shape: statement-cache.ts). The statement goes through the data source's logger like
 * every other (tests count statements). PostgreSQL may switch a prepared statement to a
 * generic plan after five executions; `plan_cache_mode` is left to the server's setting
 * (docs/architecture.md §3.2). Its rows are records, one per row, not one JSON array: a text
 * of more than 64 Ki characters outside Latin-1 (one Arabic name is enough) is a large object
 * to V8, allocated and freed page by page — about 1 ms for S2's page, decoded as one value.
 */
export async function runStatement(
  ctx: RequestContext, statement: Pick<CachedStatement, 'name' | 'text'>, values: unknown[],
): Promise<CompiledRow[]> {
  const { name, text } = statement;
  ctx.dataSource.logger.logQuery(text, values);
  const [client, release] = await (ctx.dataSource.driver as unknown as PooledDriver).obtainMasterConnection();
  try {
    if (!prepared.has(name) && prepared.size < MAX_PREPARED_SHAPES) prepared.add(name);
    const result = await client.query(prepared.has(name) ? { name, text, values } : { text, values });
    release();
    return result.rows as unknown as CompiledRow[];
  } catch (error) {
    // A connection that failed mid-statement is not returned to the pool as healthy.
    release(error);
    throw error;
  }
}
