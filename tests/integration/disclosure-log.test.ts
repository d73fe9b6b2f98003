import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, entryDigest } from '../../src/audit/core/chain-hash.js';
import type { LoggedRecord } from '../../src/audit/core/log-entry.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoClauseIds, entryFor, logCount } from '../support/disclosure-log.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { MECHANISM_BOUND_MS } from '../support/timing.js';
import { DEMO_CLAUSE } from '../support/policy-fixtures.js';

/**
 * The disclosure log through real HTTP and real PostgreSQL: one entry per request that read
 * personal data or was refused, holding exactly what the response carried and the clauses
 * that allowed it; nothing for requests that read nothing; no data when the entry cannot be
 * written.
 */

let db: TestDatabase;
let gateway: TestGateway;
let clauses: Map<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  clauses = await demoClauseIds(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const clause = (key: string): string => clauses.get(key)!;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const decisionOf = (res: GraphQLResponse): string => res.body.extensions!.liaison!.decisionId;
const byKey = (a: LoggedRecord, b: LoggedRecord) => `${a.subject}:${a.id}`.localeCompare(`${b.subject}:${b.id}`);

async function prisonerIdsOf(table: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.sql<{ id: string; prisoner_id: string }>(`SELECT id, prisoner_id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.prisoner_id]));
}

describe('an entry for each journey, with exactly what the response carried', () => {
  it('police analyst: a DISCLOSURE of each flag and prisoner, fields returned and withheld, under the clauses that allowed them', async () => {
    const query = `query Flags { riskFlags(first: 5) { edges { node { id category severity summary prisoner { id fullName religion } } } } }`;
    const res = await gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(res.status).toBe(200);
    const nodes = res.body.data.riskFlags.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(5);

    const entry = await entryFor(db, decisionOf(res));
    expect(entry).toMatchObject({
      v: 1,
      kind: 'DISCLOSURE',
      decisionId: res.headers.get('liaison-decision-id'),
      userId: 'analyst-1',
      agencyCode: 'POLICE',
      roles: ['ANALYST'],
      issuer: 'urn:liaison:dev:POLICE',
      purpose: 'COUNTER_TERRORISM',
      caseReference: null,
      operationName: 'Flags',
      documentHash: sha256(query),
      queried: ['Prisoner', 'RiskFlag'],
      denials: [],
      logAccess: [],
    });
    expect(Math.abs(Date.parse(entry!.recordedAt) - Date.now())).toBeLessThan(60_000);

    const owners = await prisonerIdsOf('risk_flag', nodes.map((n: any) => n.id));
    const expected: LoggedRecord[] = [];
    for (const node of nodes) {
      expected.push({
        subject: 'RiskFlag', id: node.id, prisonerId: owners.get(node.id)!, ownerAgencyCode: 'PRISONS',
        // A prisoner the analyst may not see is withheld from the flag, and logged as such.
        fields: ['category', 'id', 'severity', 'summary'], redacted: node.prisoner ? [] : ['prisoner'], clauseIds: [clause(DEMO_CLAUSE.policeRiskFlag)],
      });
      if (node.prisoner && !expected.some((r) => r.id === node.prisoner.id)) {
        expected.push({
          subject: 'Prisoner', id: node.prisoner.id, prisonerId: node.prisoner.id, ownerAgencyCode: 'PRISONS',
          fields: ['fullName', 'id'], redacted: ['religion'], clauseIds: [clause(DEMO_CLAUSE.policePrisoner)],
        });
      }
    }
    expect(entry!.records).toEqual(expected.sort(byKey));
    expect(entry!.clauses).toEqual([
      { id: clause(DEMO_CLAUSE.policePrisoner), mouReference: 'MOU-PRISONS-POLICE-01', mouVersion: 1, label: 'VEP identity and custody', providerAgencyCode: 'PRISONS' },
      { id: clause(DEMO_CLAUSE.policeRiskFlag), mouReference: 'MOU-PRISONS-POLICE-01', mouVersion: 1, label: 'Active risk flags of VEPs', providerAgencyCode: 'PRISONS' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // The redactions the caller was told about are the ones logged.
    const redacted = entry!.records.flatMap((r) => r.redacted.map((f) => `${r.id}.${f}`));
    // Stored grouped: the flags (same fields, same clause) once, the prisoners once.
    expect(entry!.groups.map((g) => [g.subject, g.ids.length])).toEqual([['Prisoner', expected.length - 5], ['RiskFlag', 5]]);
    expect(redacted).toHaveLength(res.body.extensions!.liaison!.redactions.length);
  });

  it('probation officer: the case reference (any script) is logged, and PostgreSQL hashed the same UTF-8 bytes as Node', async () => {
    const caseReference = 'CASE-2026-ØÅ/42'; // beyond ASCII: two UTF-8 bytes each (HTTP headers carry Latin-1 at most)
    const res = await gateway.graphql<any>(`{ releasePlans(first: 3) { edges { node { id expectedReleaseDate releaseAddress licenceConditions { type } } } } }`, {
      token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference,
    });
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.releasePlans.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    const entry = await entryFor(db, decisionOf(res));
    expect(entry).toMatchObject({ kind: 'DISCLOSURE', userId: 'po-1', agencyCode: 'PROBATION', purpose: 'SUPERVISION', caseReference, operationName: null });
    const owners = await prisonerIdsOf('release_plan', nodes.map((n: any) => n.id));
    expect(entry!.records).toEqual(nodes.map((n: any) => ({
      subject: 'ReleasePlan', id: n.id, prisonerId: owners.get(n.id), ownerAgencyCode: 'PRISONS',
      fields: ['expectedReleaseDate', 'id', 'licenceConditions', 'releaseAddress'], redacted: [], clauseIds: [clause(DEMO_CLAUSE.probationReleasePlan)],
    })).sort(byKey));

    const [row] = await db.sql<{ seq: string; prev_hash: Buffer; hash: Buffer; entry: string; recorded_at: Date }>(
      'SELECT seq, prev_hash, hash, entry, recorded_at FROM disclosure_log WHERE decision_id = $1', [decisionOf(res)]);
    expect(row!.entry).toContain(caseReference);
    expect(row!.recorded_at.toISOString()).toBe(entry!.recordedAt);
    expect(chainHash(row!.prev_hash, Number(row!.seq), Date.parse(entry!.recordedAt), entryDigest(row!.entry))).toEqual(row!.hash);
  });

  it('prison security officer: own prisoner is a CONSULTATION (no clause); police intelligence is a DISCLOSURE', async () => {
    const [own] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE health_notes IS NOT NULL AND religion IS NOT NULL LIMIT 1`);
    const res = await gateway.graphql<any>(`query($id: ID!) { prisoner(id: $id) { id fullName religion healthNotes riskFlags { id status } } }`, {
      token: demoTokens.prisonSecurityOfficer(), variables: { id: own!.id },
    });
    expect(res.body.errors).toBeUndefined();
    const entry = await entryFor(db, decisionOf(res));
    expect(entry).toMatchObject({ kind: 'CONSULTATION', agencyCode: 'PRISONS', purpose: null, clauses: [] });
    const flags = res.body.data.prisoner.riskFlags;
    expect(entry!.records).toEqual([
      { subject: 'Prisoner', id: own!.id, prisonerId: own!.id, ownerAgencyCode: 'PRISONS', fields: ['fullName', 'id', 'religion'], redacted: ['healthNotes'], clauseIds: [] },
      ...flags.map((f: any) => ({ subject: 'RiskFlag', id: f.id, prisonerId: own!.id, ownerAgencyCode: 'PRISONS', fields: ['id', 'status'], redacted: [], clauseIds: [] })),
    ].sort(byKey));

    const intel = await gateway.graphql<any>('{ intelligenceReports(first: 4) { edges { node { id sanitisedText sourceReference } } } }', {
      token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY',
    });
    const reports = intel.body.data.intelligenceReports.edges.map((e: any) => e.node);
    expect(reports.length).toBeGreaterThan(0);
    const disclosed = await entryFor(db, decisionOf(intel));
    expect(disclosed).toMatchObject({ kind: 'DISCLOSURE', purpose: 'PRISON_SECURITY', queried: ['IntelligenceReport'] });
    expect(disclosed!.records).toEqual(reports.map((r: any) => ({
      subject: 'IntelligenceReport', id: r.id, prisonerId: null, ownerAgencyCode: 'POLICE',
      fields: ['id', 'sanitisedText'], redacted: ['sourceReference'], clauseIds: [clause(DEMO_CLAUSE.prisonsIntelligence)],
    })).sort(byKey));
  });

  it('a count discloses the records it counts; a search that finds nothing is still a consultation', async () => {
    // Issue 13: `totalCount` of a search by national id tells whether that person is held — the
    // record counted is named in the log (with no field), under the clause that let it count.
    const [vep] = await db.sql<{ id: string; national_id: string }>(`SELECT id, national_id FROM prisoner WHERE vep_status = 'TERRORISM_CONVICTION' AND national_id IS NOT NULL LIMIT 1`);
    const res = await gateway.graphql<any>('query($n: String) { prisoners(filter: { nationalId: $n }) { totalCount } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { n: vep!.national_id },
    });
    expect(res.body.data.prisoners.totalCount).toBe(1);
    expect(await entryFor(db, decisionOf(res))).toMatchObject({
      kind: 'DISCLOSURE', queried: ['Prisoner'],
      records: [{ subject: 'Prisoner', id: vep!.id, prisonerId: vep!.id, ownerAgencyCode: 'PRISONS', fields: [], redacted: [], clauseIds: [clause(DEMO_CLAUSE.policePrisoner)] }],
    });

    const none = await gateway.graphql<any>('{ riskFlags { totalCount } }', { token: demoTokens.policeAnalyst(), purpose: 'RELEASE_PLANNING' });
    expect(none.body.data.riskFlags.totalCount).toBe(0);
    expect(await entryFor(db, decisionOf(none))).toMatchObject({ kind: 'CONSULTATION', purpose: 'RELEASE_PLANNING', queried: ['RiskFlag'], records: [] });
  });
});

describe('refusals are logged as denials', () => {
  const denialOf = async (res: GraphQLResponse) => {
    const entry = await entryFor(db, decisionOf(res));
    expect(entry?.kind).toBe('DENIAL');
    expect(entry!.records).toEqual([]);
    return entry!;
  };

  it('no purpose', async () => {
    const res = await gateway.graphql('{ riskFlags { edges { node { id } } } }', { token: demoTokens.policeAnalyst() });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    expect((await denialOf(res)).denials).toEqual([{ code: 'PURPOSE_REQUIRED', subject: 'RiskFlag', detail: 'read RiskFlag' }]);
  });

  it('no case reference', async () => {
    const res = await gateway.graphql('{ releasePlans { totalCount } }', { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION' });
    expect((await denialOf(res)).denials).toEqual([{ code: 'CASE_REFERENCE_REQUIRED', subject: 'ReleasePlan', detail: 'read ReleasePlan' }]);
  });

  it('a forbidden filter', async () => {
    const res = await gateway.graphql('{ riskFlags(filter: { status: [ACTIVE] }) { totalCount } }', {
      token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-1',
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await denialOf(res)).denials).toEqual([{ code: 'FORBIDDEN', subject: 'RiskFlag', detail: 'filter status needs field status' }]);
  });

  it('not found (an invisible prisoner looks like a missing one, in the log too)', async () => {
    const [hidden] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status = 'NONE' LIMIT 1`);
    const res = await gateway.graphql('query($id: ID!) { prisoner(id: $id) { id } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { id: hidden!.id },
    });
    const entry = await denialOf(res);
    expect(entry.queried).toEqual(['Prisoner']);
    expect(entry.denials).toEqual([{ code: 'NOT_FOUND', subject: 'Prisoner', detail: `prisoner ${hidden!.id}` }]);
  });

  it('a read of the log by someone not allowed to', async () => {
    const res = await gateway.graphql('{ disclosures { totalCount } }', { token: demoTokens.prisonSecurityOfficer(), purpose: 'OVERSIGHT' });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await denialOf(res)).denials).toEqual([{ code: 'FORBIDDEN', subject: null, detail: 'read the disclosure log' }]);
  });
});

describe('requests that read nothing personal are not logged', () => {
  it('me, an unauthenticated request, a malformed id', async () => {
    const before = await logCount(db);
    const me = await gateway.graphql<any>('{ me { userId permissions { subject } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(me.body.data.me.userId).toBe('analyst-1');
    expect((await gateway.graphql('{ riskFlags { totalCount } }', { token: null })).status).toBe(401);
    const bad = await gateway.graphql('{ prisoner(id: "not-an-id") { id } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await logCount(db)).toBe(before);
    expect(await entryFor(db, decisionOf(me))).toBeNull();
  });
});

describe('fail closed: no entry, no data', () => {
  const FLAGS = '{ riskFlags(first: 3) { edges { node { id summary } } } }';

  it('when the database refuses the entry, the caller gets SERVICE_UNAVAILABLE (503) and no data', async () => {
    const ok = await gateway.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    const summaries: string[] = ok.body.data.riskFlags.edges.map((e: any) => e.node.summary);
    const before = await logCount(db);
    await db.sql('ALTER TABLE disclosure_log ADD CONSTRAINT test_refuses_every_entry CHECK (false) NOT VALID');
    try {
      const refused = await gateway.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
      expect(refused.status).toBe(503);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', decisionId: decisionOf(refused) } }]);
      expect(refused.body.extensions?.liaison?.redactions).toEqual([]);
      const payload = JSON.stringify(refused.body);
      for (const summary of summaries) expect(payload).not.toContain(summary);

      // A refusal is logged too, so it fails closed as well; `me` reads nothing and still answers.
      const denial = await gateway.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst() });
      expect(denial.status).toBe(503);
      expect(denial.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      const me = await gateway.graphql<any>('{ me { userId } }', { token: demoTokens.policeAnalyst() });
      expect(me.status).toBe(200);
      expect(me.body.data.me.userId).toBe('analyst-1');
    } finally {
      await db.sql('ALTER TABLE disclosure_log DROP CONSTRAINT test_refuses_every_entry');
    }
    expect(await logCount(db)).toBe(before);
    const again = await gateway.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(again.status).toBe(200);
    expect(await entryFor(db, decisionOf(again))).not.toBeNull();
  });

  it('when the entry cannot be written in time (the chain head held by another session), the request fails rather than waits', async () => {
    const impatient = await startTestGateway(db, { env: { LIAISON_AUDIT_WRITE_TIMEOUT_MS: '300' } });
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM disclosure_log_head FOR UPDATE');
      const started = Date.now();
      const refused = await impatient.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
      expect(refused.status).toBe(503);
      expect(refused.body.data ?? null).toBeNull();
      // Without the write timeout the request would wait for the blocker for ever.
      expect(Date.now() - started).toBeLessThan(MECHANISM_BOUND_MS);
      await blocker.query('ROLLBACK');
      const ok = await impatient.graphql<any>(FLAGS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
      expect(ok.status).toBe(200);
      expect(ok.body.data.riskFlags.edges).toHaveLength(3);
    } finally {
      await blocker.end();
      await impatient.close();
    }
  });
});

describe('append-only, in the database itself', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints, even to a superuser, and moving the head by hand', async () => {
    await gateway.graphql(FLAGS_QUERY, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    await gateway.disclosureLog.seal();
    for (const statement of [
      `UPDATE disclosure_log SET user_id = 'someone-else'`,
      'DELETE FROM disclosure_log',
      'TRUNCATE disclosure_log',
      `UPDATE disclosure_log_checkpoint SET key_id = 'x'`,
      'DELETE FROM disclosure_log_checkpoint',
      'TRUNCATE disclosure_log_checkpoint',
      'UPDATE disclosure_log_head SET seq = seq + 1',
      'DELETE FROM disclosure_log_head',
    ]) {
      await expect(db.sql(statement), statement).rejects.toThrow(/append-only|moves only when an entry is appended/);
    }
  });

  it('the chain position and hashes are the database\'s to assign, whatever the writer sends', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const { rows: [head] } = await client.query<{ seq: string }>('SELECT seq FROM disclosure_log_head');
      const [sample] = await db.sql<{ entry: string; decision_id: string }>('SELECT entry, decision_id FROM disclosure_log ORDER BY seq LIMIT 1');
      const { rows: [row] } = await client.query<{ seq: string; prev_hash: Buffer; hash: Buffer; recorded_at: Date }>(
        `INSERT INTO disclosure_log (seq, prev_hash, hash, entry, decision_id, recorded_at, kind, user_id, agency_code, purpose, owner_agency_codes, subject_ids)
         VALUES (424242, $1, $1, $2, gen_random_uuid(), '2026-03-15T10:30:00.123Z', 'DENIAL', 'u', 'POLICE', NULL, '{}', '{}') RETURNING seq, prev_hash, hash, recorded_at`,
        [Buffer.alloc(32, 9), sample!.entry]);
      expect(Number(row!.seq)).toBe(Number(head!.seq) + 1);
      expect(row!.recorded_at.toISOString()).toBe('2026-03-15T10:30:00.123Z');
      expect(row!.hash).toEqual(chainHash(row!.prev_hash, Number(row!.seq), row!.recorded_at.getTime(), entryDigest(sample!.entry)));
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('every entry written by these tests chains and verifies', async () => {
    const report = await gateway.disclosureLog.verify();
    expect(report.problem).toBeNull();
    expect(report.entries).toBe(await logCount(db));
    expect(report.head.seq).toBe(report.entries);
  });
});

const FLAGS_QUERY = '{ riskFlags(first: 1) { edges { node { id } } } }';
