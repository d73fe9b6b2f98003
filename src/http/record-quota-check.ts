import type { GraphQLResponse } from '@apollo/server';
import type { RequestContext } from '../context/request-context.js';
import type { RequestDisclosure } from '../context/request-disclosure.js';
import { serviceUnavailable } from '../errors.js';
import { quotaDemands, reserveDailyRecordQuotas } from '../limits/daily-record-quota.js';
import type { LimitCounters } from '../limits/limit-counters.js';
import { formatError } from './format-error.js';

/**
 * Holds a finished response against the daily record quotas of the clauses that allowed its
 * records, before it leaves the gateway. Over a quota, or with the counters unreachable, the
 * response is replaced by one error and no data (never a partial page) and `false` is
 * returned; otherwise the response is untouched and `true` is returned.
 */
export async function enforceDailyRecordQuotas(
  counters: LimitCounters, ctx: RequestContext, disclosed: RequestDisclosure, response: GraphQLResponse,
): Promise<boolean> {
  if (response.body.kind !== 'single') return true;
  const demands = quotaDemands(disclosed.entries(), ctx.policy.built.clauses);
  if (demands.length === 0) return true;
  let refusal;
  try {
    refusal = await reserveDailyRecordQuotas(counters, ctx.principal.agencyCode, demands, ctx.now);
  } catch (error) {
    ctx.log.error({ err: (error as Error).message }, 'daily record quota could not be checked: response withheld');
    refusal = serviceUnavailable();
  }
  if (!refusal) return true;
  if (refusal.code === 'RATE_LIMITED') {
    disclosed.deny({ code: 'RATE_LIMITED', subject: null, detail: refusal.message });
    ctx.log.warn({ clauses: demands.map((d) => d.clause.id) }, 'response withheld: daily record quota reached');
  }
  const http = refusal.extensions.http as { status: number; headers?: Map<string, string> };
  response.body.singleResult = { errors: [formatError(refusal.toJSON(), refusal)] };
  response.http.status = http.status;
  for (const [name, value] of http.headers ?? []) response.http.headers.set(name, value);
  return false;
}
