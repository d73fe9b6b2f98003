import { responsePathAsArray, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { Redaction, RequestContext } from '../context/request-context.js';
import { isGovernedType } from '../enforcement/governed-types.js';
import { REDACTIONS_FIELD } from '../enforcement/record-redactions.js';
import { RECORD, REDACTIONS, type RecordView } from '../enforcement/record-view.js';

/** A field's place in the response, as graphql-js passes it to resolvers (`info.path`). */
export type ResponsePath = GraphQLResolveInfo['path'];

/**
 * Withholds field `field` of `record` at `path`: `null` in data, a redaction in the
 * response's extensions and in the record's own `redactions`, and noted for the disclosure log.
 */
export function withheldAt(record: RecordView, field: string, reason: Redaction['reason'], ctx: RequestContext, path: ResponsePath): null {
  record[RECORD].redacted.add(field);
  record[REDACTIONS].add(field, reason);
  // The response path as GraphQL errors give it, e.g. ['riskFlags', 'edges', 0, 'node', 'status'].
  ctx.disclosures.redact({ path: responsePathAsArray(path), reason });
  return null;
}

/** Withholds the field being resolved (`info.fieldName` at `info.path`) of `record`. */
export const withhold = (record: RecordView, reason: Redaction['reason'], ctx: RequestContext, info: GraphQLResolveInfo): null =>
  withheldAt(record, info.fieldName, reason, ctx, info.path);

/** Objects already reported as unpresented (one error line per object, not per field). */
const reported = new WeakSet<object>();

/**
 * Fail closed: an object under a governed type that the policy did not present (a raw row a
 * resolver returned by mistake) shows nothing. Each field is `null` with a redaction, and the
 * defect is logged as an error under the request's decision id.
 */
function refuseUnpresented(source: object, type: string, ctx: RequestContext, at: ResponsePath): null {
  const path = responsePathAsArray(at);
  if (!reported.has(source)) {
    reported.add(source);
    ctx.log.error(
      { decisionId: ctx.decisionId, type, path },
      'fail closed: an object under a governed type was not presented by the policy; every field withheld',
    );
  }
  ctx.disclosures.redact({ path, reason: 'NO_CLAUSE' });
  return null;
}

/**
 * The value of field `name` of `source` (of GraphQL type `type`, at `path`), as the default
 * field resolver gives it — before a function-valued property is called. On a presented record
 * a withheld field is `null` plus a redaction `{ path, reason }`, and each field actually
 * returned is noted for the disclosure log. Under a governed type
 * (src/enforcement/governed-types.ts), an object that was not presented is refused field by
 * field. Shared by `recordFieldResolver` and the query executor (src/http/query-executor.ts).
 */
export function recordFieldValue(source: unknown, name: string, type: string, path: ResponsePath, ctx: RequestContext): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  const record = (source as Partial<RecordView>)[RECORD];
  if (record) {
    // The record's own redactions: not a field of the record's data (nor of the disclosure log's entry).
    if (name === REDACTIONS_FIELD) return (source as RecordView)[REDACTIONS].list();
    const reason = record.withheld.get(name);
    if (reason !== undefined) return withheldAt(source as RecordView, name, reason, ctx, path);
    record.returned.add(name);
  } else if (isGovernedType(type)) {
    return refuseUnpresented(source, type, ctx, path);
  }
  return (source as Record<string, unknown>)[name];
}

/**
 * The default resolver of every simple field (installed as Apollo's `fieldResolver`; the
 * object types use `simpleResolvers`, so no per-field middleware runs — see
 * docs/architecture.md §5): `recordFieldValue`, and like graphql-js's default resolver a
 * function-valued property is called (lazily).
 */
export const recordFieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
  const value = recordFieldValue(source, info.fieldName, info.parentType.name, info.path, ctx);
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).call(source, args, ctx, info) : value;
};
