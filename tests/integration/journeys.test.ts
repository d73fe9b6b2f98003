import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The three demo journeys of docs/architecture.md §2.6, through real HTTP against real PostgreSQL.
 * Expected counts come from SQL written independently of the policy engine.
 */

const VEP = `('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP')`;
const WITHIN_180 = (column: string) => `${column} BETWEEN current_date AND current_date + 180`;
const CASE = 'CASE-2026-0042';

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const count = async (sql: string): Promise<number> => Number((await db.sql<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`))[0]!.n);

describe('police analyst, COUNTER_TERRORISM', () => {
  const call = (query: string, variables?: Record<string, unknown>) =>
    gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables });

  it('sees exactly the active flags of VEP prisoners marked AMBER or below, with every flag field', async () => {
    const expected = await count(`risk_flag f JOIN prisoner p ON p.id = f.prisoner_id
      WHERE f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER') AND p.vep_status IN ${VEP}`);
    expect(expected).toBeGreaterThan(20);
    const all = await count('risk_flag');

    const res = await call(`{ riskFlags(first: 100) { totalCount edges { node {
      id category severity status basis summary raisedAt reviewDate stale handling { tlp onwardDisclosure retentionUntil }
      prisoner { id vepStatus } } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { totalCount, edges } = res.body.data.riskFlags;
    expect(totalCount).toBe(expected);
    expect(totalCount).toBeLessThan(all);
    expect(edges).toHaveLength(Math.min(100, expected));
    for (const { node } of edges) {
      expect(node.status).toBe('ACTIVE');
      expect(['CLEAR', 'GREEN', 'AMBER']).toContain(node.handling.tlp);
      expect(node.category).toBeTruthy();
      expect(node.summary).toBeTruthy();
      expect(node.raisedAt).toBeTruthy();
      expect(node.handling.retentionUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The clause allows onward disclosure only with consent: never more than that, whatever the record says.
      expect(['NONE', 'WITH_ORIGINATOR_CONSENT']).toContain(node.handling.onwardDisclosure);
      if (node.prisoner) expect(['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP']).toContain(node.prisoner.vepStatus);
    }
    // A flag's prisoner marked above AMBER is withheld, and says so; nothing else is.
    const hidden = new Set((await db.sql<{ id: string }>(`SELECT f.id FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id
      WHERE p.tlp NOT IN ('CLEAR','GREEN','AMBER')`)).map((row) => row.id));
    const withheld = edges.flatMap(({ node }: any, i: number) => (hidden.has(node.id) ? [i] : []));
    expect(withheld.length).toBeGreaterThan(0);
    for (const i of withheld) expect(edges[i].node.prisoner).toBeNull();
    expect(edges.filter(({ node }: any) => node.prisoner === null)).toHaveLength(withheld.length);
    expect(res.body.extensions?.liaison?.redactions).toEqual(
      withheld.map((i: number) => ({ path: ['riskFlags', 'edges', i, 'node', 'prisoner'], reason: 'NO_CLAUSE' })));
  });

  it('pages through every visible flag without gaps or repeats', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    do {
      const res: any = await call(`query($after: String) { riskFlags(first: 40, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
      const page = res.body.data.riskFlags;
      total = page.totalCount;
      for (const { node } of page.edges) {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(total);
  });

  it('never receives release addresses, religion, health notes, narratives or interventions', async () => {
    const res = await call(`{ prisoners(first: 100) { totalCount edges { node {
      id fullName vepStatus facility { code } expectedReleaseDate religion ethnicity healthNotes dependants
      releasePlan { releaseAddress } interventions { id } classification { securityCategory }
      latestAssessment { tool overallLevel assessedAt narrative shareableSummary }
    } } } }`);
    expect(res.body.errors).toBeUndefined();
    const expected = await count(`prisoner WHERE vep_status IN ${VEP} AND tlp IN ('CLEAR','GREEN','AMBER')`);
    const { edges, totalCount } = res.body.data.prisoners;
    expect(totalCount).toBe(expected);
    for (const { node } of edges) {
      expect(node.fullName).toBeTruthy();
      expect(node.facility.code).toBeTruthy();
      expect(['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP']).toContain(node.vepStatus);
      expect(node.religion).toBeNull();
      expect(node.ethnicity).toBeNull();
      expect(node.healthNotes).toBeNull();
      expect(node.dependants).toBeNull();
      expect(node.releasePlan).toBeNull();
      expect(node.interventions).toEqual([]);
      expect(node.classification).toBeNull();
      if (node.latestAssessment) {
        expect(node.latestAssessment.tool).toBeTruthy();
        expect(node.latestAssessment.narrative).toBeNull();
        expect(node.latestAssessment.shareableSummary).toBeNull();
      }
    }
    const redactions = res.body.extensions!.liaison!.redactions;
    expect(redactions).toContainEqual({ path: ['prisoners', 'edges', 0, 'node', 'religion'], reason: 'STATUTORY_EXCLUSION' });
    expect(redactions).toContainEqual({ path: ['prisoners', 'edges', 0, 'node', 'healthNotes'], reason: 'STATUTORY_EXCLUSION' });
    expect(redactions.some((r) => r.path.slice(-2).join('.') === 'latestAssessment.narrative' && r.reason === 'NO_CLAUSE')).toBe(true);
    // No value of a statutory field crosses, anywhere in the payload.
    const [sample] = await db.sql<{ religion: string; health_notes: string }>(
      `SELECT religion, health_notes FROM prisoner WHERE vep_status IN ${VEP} AND religion IS NOT NULL AND health_notes IS NOT NULL LIMIT 1`);
    const payload = JSON.stringify(res.body);
    expect(payload).not.toContain(sample!.health_notes);
  });

  it('gets no intelligence reports', async () => {
    const res = await call('{ intelligenceReports(first: 10) { totalCount edges { node { id } } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.intelligenceReports).toEqual({ totalCount: 0, edges: [] });
    expect(await count('intelligence_report')).toBeGreaterThan(0);
  });

  it('gets nothing under a purpose no clause names', async () => {
    const res = await gateway.graphql<any>('{ riskFlags { totalCount edges { node { id } } } prisoners { totalCount } }', {
      token: demoTokens.policeAnalyst(), purpose: 'RELEASE_PLANNING',
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.riskFlags).toEqual({ totalCount: 0, edges: [] });
    expect(res.body.data.prisoners.totalCount).toBe(0);
  });

  it('is told PURPOSE_REQUIRED, with no data, when no purpose is declared', async () => {
    const res = await gateway.graphql<any>('{ riskFlags { edges { node { id } } } }', { token: demoTokens.policeAnalyst() });
    expect(res.body.data?.riskFlags ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });

  it('cannot tell an invisible prisoner from a missing one', async () => {
    const [hidden] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status = 'NONE' LIMIT 1`);
    const query = 'query($id: ID!) { prisoner(id: $id) { id fullName } }';
    const invisible = await call(query, { id: hidden!.id });
    const missing = await call(query, { id: '00000000-0000-4000-8000-000000000000' });
    for (const res of [invisible, missing]) {
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ prisoner: null });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    }
    expect(invisible.body.errors![0]!.message).toBe(missing.body.errors![0]!.message);
  });
});

describe('probation officer, SUPERVISION with a case reference', () => {
  const call = (query: string, variables?: Record<string, unknown>) =>
    gateway.graphql<any>(query, { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: CASE, variables });

  it('sees release plans due within 180 days, with addresses and licence conditions', async () => {
    const expected = await count(`release_plan WHERE ${WITHIN_180('expected_release_date')} AND tlp IN ('CLEAR','GREEN','AMBER')`);
    expect(expected).toBeGreaterThan(10);
    const res = await call(`{ releasePlans(first: 100) { totalCount edges { node {
      expectedReleaseDate releaseAddress supervisingOffice licenceConditions { type details } postReleaseServices
      prisoner { fullName prisonNumber religion healthNotes }
    } } } }`);
    expect(res.body.errors).toBeUndefined();
    const { totalCount, edges } = res.body.data.releasePlans;
    expect(totalCount).toBe(expected);
    const today = new Date().toISOString().slice(0, 10);
    const limit = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    for (const { node } of edges) {
      expect(node.expectedReleaseDate >= today && node.expectedReleaseDate <= limit).toBe(true);
      expect(node.releaseAddress).toBeTruthy();
      expect(node.licenceConditions.length).toBeGreaterThan(0);
      if (node.prisoner) {
        expect(node.prisoner.fullName).toBeTruthy();
        expect(node.prisoner.religion).toBeNull();
        expect(node.prisoner.healthNotes).toBeNull();
      }
    }
  });

  it('sees nothing about later releases', async () => {
    const res = await call('{ releasePlans(filter: { releaseWithinDays: 3000 }, first: 100) { totalCount } }');
    const within180 = await count(`release_plan WHERE ${WITHIN_180('expected_release_date')} AND tlp IN ('CLEAR','GREEN','AMBER')`);
    expect(res.body.data.releasePlans.totalCount).toBe(within180);
    const [later] = await db.sql<{ id: string }>(
      `SELECT p.id FROM prisoner p WHERE p.expected_release_date > current_date + 365 LIMIT 1`);
    const prisoner = await call('query($id: ID!) { prisoner(id: $id) { id } }', { id: later!.id });
    expect(prisoner.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const flags = await call('{ riskFlags(first: 100) { totalCount edges { node { category severity summary status raisedAt } } } }');
    const expectedFlags = await count(`risk_flag f JOIN prisoner p ON p.id = f.prisoner_id
      WHERE f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER') AND ${WITHIN_180('p.expected_release_date')}`);
    expect(flags.body.data.riskFlags.totalCount).toBe(expectedFlags);
    const node = flags.body.data.riskFlags.edges[0].node;
    expect(node.category).toBeTruthy();
    expect(node.status).toBeNull();
    expect(node.raisedAt).toBeNull();
    expect(flags.body.extensions!.liaison!.redactions).toContainEqual({ path: ['riskFlags', 'edges', 0, 'node', 'status'], reason: 'NO_CLAUSE' });
  });

  it('needs the case reference the clause requires', async () => {
    const res = await gateway.graphql<any>('{ releasePlans { totalCount } }', { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION' });
    expect(res.body.data?.releasePlans ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('CASE_REFERENCE_REQUIRED');
  });
});

describe('prison security officer', () => {
  const token = () => demoTokens.prisonSecurityOfficer();

  it('sees own prisoners in full except health notes, without declaring a purpose', async () => {
    const [row] = await db.sql<{ id: string; religion: string; health_notes: string }>(
      `SELECT id, religion, health_notes FROM prisoner WHERE religion IS NOT NULL AND health_notes IS NOT NULL LIMIT 1`);
    const res = await gateway.graphql<any>(`query($id: ID!) { prisoner(id: $id) {
      id fullName religion ethnicity dependants healthNotes vepStatus names { value script kind }
      releasePlan { releaseAddress licenceConditions { type } } interventions { programme sessionNotes }
      latestAssessment { narrative shareableSummary } classification { securityCategory }
      riskFlags { id status } handling { retentionUntil } } }`, { token: token(), variables: { id: row!.id } });
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data.prisoner;
    expect(p.religion).toBe(row!.religion);
    expect(p.healthNotes).toBeNull();
    expect(p.names.length).toBeGreaterThan(0);
    expect(p.classification.securityCategory).toBeTruthy();
    expect(p.handling.retentionUntil).toBeNull();
    expect(p.riskFlags.length).toBe(await count(`risk_flag WHERE prisoner_id = '${row!.id}'`));
    expect(res.body.extensions!.liaison!.redactions).toEqual([{ path: ['prisoner', 'healthNotes'], reason: 'STATUTORY_EXCLUSION' }]);
    expect(JSON.stringify(res.body)).not.toContain(row!.health_notes);
  });

  it('receives police intelligence with handling code P, up to AMBER+STRICT, without the source reference', async () => {
    const expected = await count(`intelligence_report WHERE handling_code = 'P' AND tlp IN ('CLEAR','GREEN','AMBER','AMBER_STRICT')`);
    expect(expected).toBeGreaterThan(5);
    expect(await count(`intelligence_report WHERE handling_code = 'C'`)).toBeGreaterThan(0);
    const res = await gateway.graphql<any>(`{ intelligenceReports(first: 100) { totalCount edges { node {
      gradingScheme sourceEvaluation intelligenceAssessment handlingCode sanitisedText sourceReference priority
      handling { tlp } subjects { id } } } } }`, { token: token(), purpose: 'PRISON_SECURITY' });
    expect(res.body.errors).toBeUndefined();
    const { totalCount, edges } = res.body.data.intelligenceReports;
    expect(totalCount).toBe(expected);
    for (const { node } of edges) {
      expect(node.handlingCode).toBe('P');
      expect(node.sourceReference).toBeNull();
      expect(node.sanitisedText).toBeTruthy();
      expect(node.handling.tlp).not.toBe('RED');
    }
    const redactions = res.body.extensions!.liaison!.redactions;
    expect(redactions.filter((r) => r.path.at(-1) === 'sourceReference')).toHaveLength(edges.length);
    expect(redactions.every((r) => r.reason === 'STATUTORY_EXCLUSION')).toBe(true);
    const [source] = await db.sql<{ source_reference: string }>(`SELECT source_reference FROM intelligence_report WHERE handling_code = 'P' LIMIT 1`);
    expect(JSON.stringify(res.body)).not.toContain(source!.source_reference);
  });

  it('must declare a purpose to reach police intelligence', async () => {
    const res = await gateway.graphql<any>('{ intelligenceReports { totalCount } }', { token: token() });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });
});

describe('the caller', () => {
  it('me reports agency, roles, purpose and the clauses behind each readable subject', async () => {
    const res = await gateway.graphql<any>(`{ me { userId agency { code } roles purpose decisionId
      permissions { subject ownAgencyFields sharedFields requires clauses { label mouReference } } } }`,
    { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    const me = res.body.data.me;
    expect(me).toMatchObject({ userId: 'analyst-1', agency: { code: 'POLICE' }, roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM' });
    expect(me.decisionId).toBe(res.body.extensions!.liaison!.decisionId);
    expect(me.decisionId).toBe(res.headers.get('liaison-decision-id'));
    const flags = me.permissions.find((p: any) => p.subject === 'RiskFlag');
    expect(flags.clauses).toEqual([{ label: 'Active risk flags of VEPs', mouReference: 'MOU-PRISONS-POLICE-01' }]);
    const prisoner = me.permissions.find((p: any) => p.subject === 'Prisoner');
    expect(prisoner.sharedFields).toEqual([
      'id', 'prisonNumber', 'nationalId', 'fullName', 'names', 'dateOfBirth', 'gender', 'nationality',
      'facility', 'custodyStatus', 'vepStatus', 'expectedReleaseDate', 'ownerAgency', 'handling',
    ]);
    const reports = me.permissions.find((p: any) => p.subject === 'IntelligenceReport');
    expect(reports).toMatchObject({ ownAgencyFields: [], sharedFields: [], clauses: [], requires: null });
    const withoutPurpose = await gateway.graphql<any>('{ me { permissions { subject requires } } }', { token: demoTokens.policeAnalyst() });
    expect(withoutPurpose.body.data.me.permissions.find((p: any) => p.subject === 'RiskFlag').requires).toBe('PURPOSE_REQUIRED');
  });
});
