import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import type { Purpose } from '../../src/domain/enums.js';
import { CONTRACT_CODES } from '../../src/errors.js';
import type { PolicyKey } from '../../src/policies/build-policy.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { generatedDocument, mutatedDocument, randomDocument, type FuzzRequest, type ValuePools } from '../support/fuzz/documents.js';
import { PolicyOracle, returnedRecords } from '../support/fuzz/policy-oracle.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The seeded fuzz run (issue 5, Tests): thousands of GraphQL requests generated from the
 * contract's schema — valid documents with hostile arguments, the same documents mutated,
 * random text — sent over real HTTP by every kind of caller. For each response:
 * - no 5xx other than the documented 503 SERVICE_UNAVAILABLE, no internal error at all;
 * - no stack trace, file path, SQL or driver message anywhere in it;
 * - every record it carries is one the policy oracle (in-memory `ability.can` on the row
 *   loaded from the database) allows, and every field of a generated query is granted on it;
 * and afterwards the process is still up and serving.
 *
 * Bounded: LIAISON_FUZZ_RUNS (default 4000) requests or LIAISON_FUZZ_SECONDS (default 45),
 * whichever comes first. Seeded: a fixed seed by default, so that CI and `npm test` send the
 * same requests in the same order every time (a machine under load gets less far, never
 * elsewhere); LIAISON_FUZZ_SEED=<n> replays a given seed, LIAISON_FUZZ_SEED=random explores
 * with a fresh one. The seed is printed, and a failure prints the command that replays it.
 */

const FIXED_SEED = 20_261_206;
const SEED = fuzzSeed(process.env.LIAISON_FUZZ_SEED);

function fuzzSeed(value: string | undefined): number {
  if (value === undefined || value === '') return FIXED_SEED;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`LIAISON_FUZZ_SEED must be an integer or "random", got ${value}`);
  return seed;
}
const RUNS = Number(process.env.LIAISON_FUZZ_RUNS ?? 4_000);
const SECONDS = Number(process.env.LIAISON_FUZZ_SECONDS ?? 45);
const REPRODUCE = `LIAISON_FUZZ_SEED=${SEED} LIAISON_FUZZ_RUNS=${RUNS} LIAISON_FUZZ_SECONDS=${SECONDS} npx vitest run tests/security/fuzz.test.ts`;

interface Caller {
  label: string;
  agency: string;
  roles: string[];
  purpose: Purpose | null;
  caseReference?: string;
}

const CALLERS: Caller[] = [
  { label: 'police analyst, counter-terrorism', agency: 'POLICE', roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM' },
  { label: 'police officer, public protection', agency: 'POLICE', roles: ['OFFICER'], purpose: 'PUBLIC_PROTECTION' },
  { label: 'police analyst, no purpose', agency: 'POLICE', roles: ['ANALYST'], purpose: null },
  { label: 'police analyst, a purpose no clause names', agency: 'POLICE', roles: ['ANALYST'], purpose: 'RELEASE_PLANNING' },
  { label: 'probation officer with a case', agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' },
  { label: 'probation officer without a case', agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purpose: 'RELEASE_PLANNING' },
  { label: 'prison security officer', agency: 'PRISONS', roles: ['SECURITY_OFFICER'], purpose: 'PRISON_SECURITY' },
  { label: 'prison health staff', agency: 'PRISONS', roles: ['HEALTH_STAFF'], purpose: null },
  { label: 'prison case manager and MoU admin', agency: 'PRISONS', roles: ['CASE_MANAGER', 'MOU_ADMIN'], purpose: 'REHABILITATION' },
  { label: 'inspectorate auditor', agency: 'INSPECTORATE', roles: ['AUDITOR'], purpose: 'OVERSIGHT' },
];

/** Ways the request headers can be wrong: any of them must yield no data. */
const HEADER_DAMAGE = ['none', 'forged token', 'no token', 'unknown purpose', 'malformed case reference'] as const;
type HeaderDamage = (typeof HEADER_DAMAGE)[number];

/** Codes a response may carry; INTERNAL_SERVER_ERROR is deliberately absent — fuzzed input must never cause one. */
const EXPECTED_CODES = new Set([...CONTRACT_CODES, 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
EXPECTED_CODES.delete('INTERNAL_SERVER_ERROR');

/** Anything that would tell an attacker about the code, the database or the machine. */
const INTERNALS = /stacktrace|\bat [\w$.<>]+ \(|node_modules|\.[cm]?[jt]s:\d+|QueryFailedError|TypeORM|syntax error at or near|relation "|column "|violates|ECONN|Unexpected error value|Context creation failed/i;

let db: TestDatabase;
let gateway: TestGateway;
let oracle: PolicyOracle;
let pools: ValuePools;
const tokens = new Map<Caller, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, {
    env: { LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '10000000' },
  });
  oracle = new PolicyOracle(db.dataSource, await gateway.policyStore.current());
  for (const caller of CALLERS) tokens.set(caller, mintDevelopmentToken({ agency: caller.agency, roles: caller.roles, userId: `fuzz-${caller.agency}`, ttlSeconds: 7_200 }));
  const ids = await db.sql<{ subject: string; id: string }>(`
    (SELECT 'Prisoner' AS subject, id FROM prisoner ORDER BY id LIMIT 25)
    UNION ALL (SELECT 'RiskFlag', id FROM risk_flag ORDER BY id LIMIT 10)
    UNION ALL (SELECT 'IntelligenceReport', id FROM intelligence_report ORDER BY id LIMIT 5)
    UNION ALL (SELECT 'ReleasePlan', id FROM release_plan ORDER BY id LIMIT 5)`);
  const names = await db.sql<{ full_name: string }>('SELECT full_name FROM prisoner ORDER BY id LIMIT 20');
  pools = {
    ids: ids.map((r) => r.id),
    nameParts: names.flatMap((r) => [r.full_name.slice(0, 4), r.full_name.split(' ').at(-1)!]).filter((p) => p.length >= 2),
    cursors: ids.map((r) => Buffer.from(JSON.stringify([r.subject, r.id])).toString('base64url')),
  };
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

interface Stats {
  runs: number;
  byStatus: Record<string, number>;
  byOrigin: Record<string, number>;
  byCode: Record<string, number>;
  withData: number;
  recordsChecked: number;
}

async function send(request: FuzzRequest, caller: Caller, damage: HeaderDamage): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (damage !== 'no token') headers.authorization = `Bearer ${damage === 'forged token' ? `${tokens.get(caller)!.slice(0, -6)}AAAAAA` : tokens.get(caller)!}`;
  if (caller.purpose) headers['liaison-purpose'] = caller.purpose;
  if (damage === 'unknown purpose') headers['liaison-purpose'] = 'CURIOSITY';
  if (caller.caseReference) headers['liaison-case-reference'] = caller.caseReference;
  if (damage === 'malformed case reference') headers['liaison-case-reference'] = "<script>'; --";
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: request.query, variables: request.variables }) });
  return { status: res.status, text: await res.text() };
}

/** Everything wrong with one response; empty when it is as it must be. */
async function judge(request: FuzzRequest, caller: Caller, damage: HeaderDamage, status: number, text: string, stats: Stats): Promise<string[]> {
  const problems: string[] = [];
  if (INTERNALS.test(text)) problems.push(`internal detail in the response: ${INTERNALS.exec(text)![0]}`);
  let body: { data?: unknown; errors?: { message?: string; extensions?: { code?: string; decisionId?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return [...problems, `status ${status}, not JSON: ${text.slice(0, 200)}`];
  }
  const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
  for (const code of codes) stats.byCode[code] = (stats.byCode[code] ?? 0) + 1;
  if (status >= 500 && !(status === 503 && codes.length > 0 && codes.every((c) => c === 'SERVICE_UNAVAILABLE'))) {
    problems.push(`HTTP ${status} with ${codes.join(', ') || 'no error code'}`);
  }
  for (const code of codes) if (!EXPECTED_CODES.has(code)) problems.push(`unexpected error code ${code}`);
  if ((body.errors ?? []).some((e) => !e.extensions?.decisionId)) problems.push('an error without a decision id');
  const hasData = body.data !== undefined && body.data !== null && Object.values(body.data as object).some((v) => v !== null);
  if (hasData) stats.withData += 1;
  if (damage !== 'none' && body.data !== undefined) problems.push(`data despite ${damage}`);
  if (status !== 200 && hasData) problems.push(`data with HTTP ${status}`);
  const records = returnedRecords(body.data);
  stats.recordsChecked += records.length;
  if (records.length > 0) {
    const key: PolicyKey = { agencyCode: caller.agency, roles: [...caller.roles].sort(), purpose: caller.purpose, hasCaseReference: caller.caseReference !== undefined };
    problems.push(...await oracle.violations(key, records, { fields: request.origin === 'generated' }));
  }
  return problems;
}

describe('the policy oracle', () => {
  const police: PolicyKey = { agencyCode: 'POLICE', roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM', hasCaseReference: false };

  it('notices a row the caller may not see, and a field not granted on a row it may', async () => {
    const [hidden] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status = 'NONE' LIMIT 1`);
    const [shared] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status = 'TERRORISM_CONVICTION' AND tlp IN ('CLEAR','GREEN','AMBER') LIMIT 1`);
    const rowLeak = await oracle.violations(police, [{ subject: 'Prisoner', id: hidden!.id, object: { id: hidden!.id }, path: 'data.x' }], { fields: true });
    expect(rowLeak).toEqual([expect.stringMatching(/policy refuses the row/)]);
    const fieldLeak = await oracle.violations(police, [{ subject: 'Prisoner', id: shared!.id, object: { id: shared!.id, fullName: 'x', religion: 'x' }, path: 'data.y' }], { fields: true });
    expect(fieldLeak).toEqual([expect.stringMatching(/field "religion" returned, but not granted/)]);
  });
});

describe('fuzz: random and mutated GraphQL requests from the contract', () => {
  it(`never yields a 5xx (but 503), an internal detail, or a record the policy refuses (seed ${SEED})`, async () => {
    const schema = await gatewaySchema();
    const stats: Stats = { runs: 0, byStatus: {}, byOrigin: {}, byCode: {}, withData: 0, recordsChecked: 0 };
    const started = performance.now();
    const arbitrary = fc.record({
      caller: fc.constantFrom(...CALLERS),
      damage: fc.oneof({ weight: 17, arbitrary: fc.constant<HeaderDamage>('none') }, { weight: 3, arbitrary: fc.constantFrom(...HEADER_DAMAGE) }),
      request: fc.oneof(
        { weight: 6, arbitrary: generatedDocument(schema, pools) },
        { weight: 3, arbitrary: mutatedDocument(schema, pools) },
        { weight: 1, arbitrary: randomDocument() },
      ),
    });
    process.stdout.write(`fuzz: seed ${SEED}, up to ${RUNS} requests or ${SECONDS} s — replay with: ${REPRODUCE}\n`);
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ caller, damage, request }) => {
          stats.runs += 1;
          stats.byOrigin[request.origin] = (stats.byOrigin[request.origin] ?? 0) + 1;
          const { status, text } = await send(request, caller, damage);
          stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
          const problems = await judge(request, caller, damage, status, text, stats);
          if (problems.length > 0) {
            throw new Error(`${problems.join('\n')}\ncaller: ${caller.label}; headers: ${damage}\nquery: ${request.query}\nvariables: ${JSON.stringify(request.variables)}\nresponse ${status}: ${text.slice(0, 1_000)}`);
          }
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1_000, markInterruptAsFailure: false },
      );
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? `\n${((error as Error).cause as Error).message}` : '';
      throw new Error(`fuzz failure — replay with:\n  ${REPRODUCE}\n${(error as Error).message}${cause}`);
    } finally {
      const seconds = ((performance.now() - started) / 1_000).toFixed(1);
      process.stdout.write(`fuzz: ${stats.runs} requests in ${seconds} s (seed ${SEED}); statuses ${JSON.stringify(stats.byStatus)}; `
        + `origins ${JSON.stringify(stats.byOrigin)}; codes ${JSON.stringify(stats.byCode)}; ${stats.withData} with data, ${stats.recordsChecked} records checked by the oracle\n`);
    }
    // A run cut short by the time limit must still have been a real one.
    expect(stats.runs).toBeGreaterThanOrEqual(Math.min(RUNS, 300));
    expect(stats.recordsChecked).toBeGreaterThan(0);
  }, (SECONDS + 90) * 1_000);

  it('the gateway process is still up and serving afterwards', async () => {
    expect((await gateway.get('/healthz')).status).toBe(200);
    expect((await gateway.get('/readyz')).status).toBe(200);
    const res = await gateway.graphql<any>('{ riskFlags(first: 1) { edges { node { id } } } }', { token: tokens.get(CALLERS[0]!)!, purpose: 'COUNTER_TERRORISM' });
    expect(res.status).toBe(200);
    expect(res.body.data.riskFlags.edges).toHaveLength(1);
  });
});
