import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Redaction, RequestContext } from '../context/request-context.js';
import { isGovernedType } from '../enforcement/governed-types.js';
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
  ctx.disclosures.redact({ path: pathOf(info.path), reason });
  return null;
}

/** Objects already reported as unpresented (one error line per object, not per field). */
const reported = new WeakSet<object>();

/**
 * Fail closed: an object under a governed type that the policy did not present (a raw row a
 * resolver returned by mistake) shows nothing. Each field is `null` with a redaction, and the
 * defect is logged as an error under the request's decision id.
 */
function refuseUnpresented(source: object, ctx: RequestContext, info: GraphQLResolveInfo): null {
  const path = pathOf(info.path);
  if (!reported.has(source)) {
    reported.add(source);
    ctx.log.error(
      { decisionId: ctx.decisionId, type: info.parentType.name, path },
      'fail closed: an object under a governed type was not presented by the policy; every field withheld',
    );
  }
  ctx.disclosures.redact({ path, reason: 'NO_CLAUSE' });
  return null;
}

/**
 * The default resolver of every simple field (installed as Apollo's `fieldResolver`; the
 * object types use `simpleResolvers`, so no per-field middleware runs — see
 * docs/architecture.md §5). On a presented record it turns a withheld field into `null` plus a
 * redaction `{ path, reason }`, and notes each field actually returned for the disclosure
 * log. Under a governed type (src/enforcement/governed-types.ts), an object that was not
 * presented is refused field by field. Everything else behaves like graphql-js's default
 * resolver (functions are called, lazily).
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
  } else if (isGovernedType(info.parentType.name)) {
    return refuseUnpresented(source, ctx, info);
  }
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).call(source, args, ctx, info) : value;
};
