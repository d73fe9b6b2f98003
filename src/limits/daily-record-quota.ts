import type { RecordEntry } from '../context/request-disclosure.js';
import { rateLimited, type LiaisonError } from '../errors.js';
import type { Clause } from '../policies/clause.js';
import type { LimitCounters } from './limit-counters.js';

/** A quota-bearing clause and how many records of one response rely on it. */
export interface QuotaDemand {
  clause: Clause & { dailyRecordQuota: number };
  records: number;
}

/**
 * The records of a response counted against each clause that allowed them and carries a
 * daily quota. A record several clauses allowed counts against each of them: a quota caps
 * what its clause is relied on for, and the gateway does not pick the clause that spares it.
 */
export function quotaDemands(entries: readonly RecordEntry[], clauses: ReadonlyMap<string, Clause>): QuotaDemand[] {
  const demands = new Map<string, QuotaDemand>();
  for (const entry of entries) {
    for (const clauseId of entry.clauseIds) {
      const clause = clauses.get(clauseId);
      if (!clause || clause.dailyRecordQuota === null || clause.dailyRecordQuota === undefined) continue;
      const demand = demands.get(clauseId) ?? { clause: clause as QuotaDemand['clause'], records: 0 };
      demand.records += 1;
      demands.set(clauseId, demand);
    }
  }
  return [...demands.values()];
}

const utcDay = (now: Date): string => now.toISOString().slice(0, 10);
const secondsToUtcMidnight = (now: Date): number =>
  (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;

/**
 * Reserves today's quota for every demand, all or nothing, against the counters of all
 * gateway processes (`LimitCounters`: counted here, reconciled on an interval; see there for
 * how far over N processes can go). A counter this process has not read yet today is read
 * first (one statement, shared by the requests waiting for it: once per clause, recipient and
 * day per process). When any clause would go over its quota nothing is counted and the refusal
 * (RATE_LIMITED, 429, Retry-After until the next UTC midnight) names the clause; the caller
 * sends no data at all, never a partial page. Counters that cannot be reconciled make this
 * throw: the caller fails closed.
 */
export async function reserveDailyRecordQuotas(
  counters: LimitCounters,
  recipientAgencyCode: string,
  demands: readonly QuotaDemand[],
  now: Date,
): Promise<LiaisonError | null> {
  if (demands.length === 0) return null;
  await counters.ensureFresh();
  const day = utcDay(now);
  if (demands.some((d) => !counters.quotaRead(d.clause.id, recipientAgencyCode, day))) {
    for (const d of demands) counters.trackQuota(d.clause.id, recipientAgencyCode, day);
    await counters.reconcile();
  }
  // From here on synchronous: no other request of this process counts in between.
  const breach = demands.find((d) => (counters.quotaUsed(d.clause.id, recipientAgencyCode, day) ?? 0) + d.records > d.clause.dailyRecordQuota);
  if (!breach) {
    for (const d of demands) counters.addRecords(d.clause.id, recipientAgencyCode, day, d.records);
    return null;
  }
  const { clause, records } = breach;
  const used = counters.quotaUsed(clause.id, recipientAgencyCode, day) ?? 0;
  return rateLimited(
    `Daily record quota reached: clause "${clause.label}" of ${clause.mou.reference} v${clause.mou.version} allows ` +
    `${clause.dailyRecordQuota} records per UTC day to ${recipientAgencyCode}; ${used} already disclosed today and this ` +
    `request would disclose ${records} more. Nothing was returned: narrow the request or try again after 00:00 UTC.`,
    secondsToUtcMidnight(now),
  );
}
