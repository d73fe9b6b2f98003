import type { RequestContext } from '../../context/request-context.js';
import { CONNECTION_LIFETIME_SECONDS } from '../../db/data-source.js';
import { rowsByCallback, type CallbackQueryable } from '../../db/query-by-callback.js';
import type { CachedStatement } from './statement-cache.js';

/**
 * Statement shapes prepared by this process, with when each was last run. A pooled connection
 * keeps every statement it prepared until it closes, callers choose their selections, and a
 * statement's text changes with the policy and the date (its constants are written in): at most
 * this many shapes run as prepared statements at a time, beyond that a statement runs unnamed
 * (parsed and planned each time). A shape not run for longer than a connection lives is held by
 * no connection any more (the pool replaces each hourly: CONNECTION_LIFETIME_SECONDS), and
 * leaves room for another.
 */
const MAX_PREPARED_SHAPES = 500;
const prepared = new Map<string, number>();
const FORGET_AFTER_MS = (CONNECTION_LIFETIME_SECONDS + 60) * 1000;

/** Whether `name` runs as a prepared statement now (noting its use). */
export function preparedShape(name: string, now = Date.now()): boolean {
  if (!prepared.has(name) && prepared.size >= MAX_PREPARED_SHAPES) {
    for (const [shape, lastRun] of prepared) if (now - lastRun > FORGET_AFTER_MS) prepared.delete(shape);
  }
  if (!prepared.has(name) && prepared.size >= MAX_PREPARED_SHAPES) return false;
  prepared.set(name, now);
  return true;
}

/** TypeORM's PostgreSQL driver hands out a pooled `pg` client (named statements need the client itself). */
interface PooledDriver {
  obtainMasterConnection(): Promise<[CallbackQueryable, (error?: unknown) => void]>;
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
    // pg's callback API, not its promise API: see rowsByCallback (young-generation survival).
    const rows = await rowsByCallback(client, preparedShape(name) ? { name, text, values } : { text, values });
    release();
    return rows as CompiledRow[];
  } catch (error) {
    // A connection that failed mid-statement is not returned to the pool as healthy.
    release(error);
    throw error;
  }
}
