import type { DataSource } from 'typeorm';
import type { RecordEntry } from '../context/request-disclosure.js';
import { rateLimited, type LiaisonError } from '../errors.js';
import type { Clause } from '../policies/clause.js';

/** Records disclosed per clause, recipient agency and UTC day (migration Hardening). */
export const DAILY_DISCLOSURE_TABLE = 'clause_daily_disclosure';

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
 * Reserves today's quota for every demand, all or nothing, in one transaction: the counters
 * of every gateway process are the same rows, locked by the upsert. When any clause would go
 * over its quota nothing is counted and the refusal (RATE_LIMITED, 429, Retry-After until
 * the next UTC midnight) names the clause; the caller sends no data at all, never a partial
 * page. A database that does not answer makes this throw: the caller fails closed.
 */
export async function reserveDailyRecordQuotas(
  dataSource: DataSource,
  recipientAgencyCode: string,
  demands: readonly QuotaDemand[],
  now: Date,
): Promise<LiaisonError | null> {
  if (demands.length === 0) return null;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const rows = (await runner.query(
      `INSERT INTO ${DAILY_DISCLOSURE_TABLE} AS d (clause_id, recipient_agency_code, day, records)
       SELECT t.clause_id, $2, $3::date, t.records FROM unnest($1::uuid[], $4::integer[]) AS t(clause_id, records)
       ON CONFLICT (clause_id, recipient_agency_code, day) DO UPDATE SET records = d.records + EXCLUDED.records
       RETURNING d.clause_id, d.records`,
      [demands.map((d) => d.clause.id), recipientAgencyCode, utcDay(now), demands.map((d) => d.records)],
    )) as { clause_id: string; records: number }[];
    const totals = new Map(rows.map((r) => [r.clause_id, Number(r.records)]));
    const breach = demands.find((d) => (totals.get(d.clause.id) ?? 0) > d.clause.dailyRecordQuota);
    if (!breach) {
      await runner.commitTransaction();
      return null;
    }
    await runner.rollbackTransaction();
    const { clause, records } = breach;
    const used = (totals.get(clause.id) ?? records) - records;
    return rateLimited(
      `Daily record quota reached: clause "${clause.label}" of ${clause.mou.reference} v${clause.mou.version} allows ` +
      `${clause.dailyRecordQuota} records per UTC day to ${recipientAgencyCode}; ${used} already disclosed today and this ` +
      `request would disclose ${records} more. Nothing was returned: narrow the request or try again after 00:00 UTC.`,
      secondsToUtcMidnight(now),
    );
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
