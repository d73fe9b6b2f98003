import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Redaction, RequestContext } from '../context/request-context.js';
import { REDACTIONS_FIELD } from '../enforcement/record-redactions.js';
import { RECORD, REDACTIONS, type RecordView } from '../enforcement/record-view.js';

/** The response path as GraphQL errors give it: keys and list indices, e.g. ['riskFlags', 'edges', 0, 'node', 'status']. */
const pathOf = (path: GraphQLResolveInfo['path']): (string | number)[] => {
  const keys: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse();
};

/**
 * Withholds field `info.fieldName` of `record`: `null` in data, a redaction in the response's
 * extensions and in the record's own `redactions`, and noted for the disclosure log.
 */
export function withhold(record: RecordView, reason: Redaction['reason'], ctx: RequestContext, info: GraphQLResolveInfo): null {
  record[RECORD].redacted.add(info.fieldName);
  record[REDACTIONS].add(info.fieldName, reason);
  ctx.redactions.push({ path: pathOf(info.path), reason });
  return null;
}

/**
 * The default resolver of every simple field (installed as Apollo's `fieldResolver`; the
 * object types use `simpleResolvers`, so no per-field middleware runs — STACK-NOTES
 * pitfall 11). On a presented record it turns a withheld field into `null` plus a redaction
 * `{ path, reason }`, and notes each field actually returned for the disclosure log.
 * Everything else behaves like graphql-js's default resolver (functions are called, lazily).
 */
export const recordFieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
  if (typeof source !== 'object' || source === null) return undefined;
  const name = info.fieldName;
  const record = (source as Partial<RecordView>)[RECORD];
  if (record) {
    // The record's own redactions: not a field of the record's data (nor of the disclosure log's entry).
    if (name === REDACTIONS_FIELD) return (source as RecordView)[REDACTIONS].list();
    const reason = record.withheld.get(name);
    if (reason !== undefined) return withhold(source as RecordView, reason, ctx, info);
    record.returned.add(name);
  }
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).call(source, args, ctx, info) : value;
};
