import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';

/**
 * The other kinds of record written by their owner (issue 12, item 2): risk assessments with
 * domains, classifications, interventions and intelligence reports with their subjects —
 * each by the roles the role matrix names, validated in full, and shared as the MoUs say.
 */

let db: TestDatabase;
let gateway: TestGateway;
let vep: { id: string; externalId: string };

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  vep = await demoPrisoner(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const DOMAINS = [{ code: 'BELIEFS_ATTITUDES', rating: 'HIGH' }, { code: 'CONTEXT_INTENT', rating: 'MODERATE' }];

describe('risk assessments', () => {
  it('a case manager records one; the police analyst sees what the clause shares of it; sending it again changes nothing', async () => {
    const UPSERT = `mutation($records: [RiskAssessmentInput!]!) { upsertRiskAssessments(records: $records) { created updated unchanged rejected records { id problems { path message } } } }`;
    const record = {
      externalId: 'OASYS-77', prisonerExternalId: vep.externalId, tool: 'VERA-2R', toolVersion: '2.1', assessedAt: new Date(Date.now() + 60_000).toISOString(),
      overallLevel: 'VERY_HIGH', domains: DOMAINS, shareableSummary: 'Committed to violent ideology', narrative: 'Confidential narrative',
    };
    const created = await mutate(gateway, writerTokens.caseManager(), UPSERT, { records: [record] });
    expect(created).toMatchObject({ created: 1, rejected: 0 });
    const again = await mutate(gateway, writerTokens.caseManager(), UPSERT, { records: [record] });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const res = await gateway.graphql<any>(`query($p: ID!) { prisoner(id: $p) { latestAssessment { id tool overallLevel narrative } } }`, {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { p: vep.id },
    });
    expect(res.body.data.prisoner.latestAssessment).toEqual({ id: created.records[0].id, tool: 'VERA-2R', overallLevel: 'VERY_HIGH', narrative: null });
    expect(res.body.extensions?.liaison?.redactions).toContainEqual({ path: ['prisoner', 'latestAssessment', 'narrative'], reason: 'NO_CLAUSE' });
  });

  it('a security officer does not write assessments', async () => {
    const res = await gateway.graphql<any>(`mutation($input: RiskAssessmentInput!) { createRiskAssessment(input: $input) { ${RECEIPT} } }`, {
      token: writerTokens.securityOfficer(), variables: { input: { prisonerId: vep.id, tool: 'ERG22+', assessedAt: '2026-01-01T00:00:00Z', overallLevel: 'LOW' } },
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('classifications and interventions', () => {
  it('a security officer classifies; a case manager may not', async () => {
    const CREATE = `mutation($input: ClassificationInput!) { createClassification(input: $input) { ${RECEIPT} } }`;
    const input = { prisonerId: vep.id, securityCategory: 'HIGH', placementApproach: 'SEPARATION', decidedOn: '2026-11-30' };
    expect(await mutate(gateway, writerTokens.securityOfficer(), CREATE, { input })).toMatchObject({ subject: 'Classification', outcome: 'CREATED' });
    const cm = await gateway.graphql<any>(CREATE, { token: writerTokens.caseManager(), variables: { input } });
    expect(cm.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an intervention that ends before it starts is refused with every problem; a good one is written', async () => {
    const CREATE = `mutation($input: InterventionInput!) { createIntervention(input: $input) { ${RECEIPT} } }`;
    const bad = await gateway.graphql<any>(CREATE, { token: writerTokens.caseManager(), variables: { input: {
      prisonerId: vep.id, programme: '  ', kind: 'MENTORING', status: 'ACTIVE', startedOn: '2026-05-01', endedOn: '2026-04-01',
    } } });
    expect((bad.body.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path).sort()).toEqual(['endedOn', 'programme']);
    const good = await mutate(gateway, writerTokens.caseManager(), CREATE, { input: {
      prisonerExternalId: vep.externalId, programme: 'Healthy Identity Intervention', kind: 'DISENGAGEMENT', status: 'ACTIVE', startedOn: '2026-05-01',
    } });
    expect(good).toMatchObject({ subject: 'Intervention', outcome: 'CREATED', revision: 1 });
  });
});

describe('intelligence reports', () => {
  const CREATE = `mutation($input: IntelligenceReportInput!) { createIntelligenceReport(input: $input) { ${RECEIPT} } }`;

  it('subjects are the agency\'s prisoners by external id; an unknown one is a problem', async () => {
    const bad = await gateway.graphql<any>(CREATE, { token: writerTokens.securityOfficer(), variables: { input: {
      gradingScheme: 'UK_3X5X2', sourceEvaluation: '2', intelligenceAssessment: 'B', handlingCode: 'P', subjects: [vep.externalId, 'NOBODY'],
    } } });
    expect(bad.body.errors?.[0]?.extensions?.problems).toEqual([{ path: 'subjects', message: 'no prisoner of PRISONS has external id "NOBODY"' }]);
    const report = await mutate(gateway, writerTokens.securityOfficer(), CREATE, { input: {
      gradingScheme: 'UK_3X5X2', sourceEvaluation: '2', intelligenceAssessment: 'B', handlingCode: 'P', priority: 'PRIORITY',
      sanitisedText: 'Subject seen passing notes during association', sourceReference: 'CHIS-0042', subjects: [vep.externalId],
    } });
    expect(report).toMatchObject({ subject: 'IntelligenceReport', outcome: 'CREATED' });
    expect(await db.sql(`SELECT prisoner_id FROM intelligence_report_subject WHERE report_id = $1`, [report.id])).toEqual([{ prisoner_id: vep.id }]);
    const [entry] = await db.sql<{ subject_ids: string[] }>(`SELECT subject_ids FROM disclosure_log WHERE kind = 'COLLECTION' AND $1 = ANY(subject_ids)`, [report.id]);
    expect(entry).toBeDefined();
  });

  it('the police write no PRISONS report', async () => {
    const res = await gateway.graphql<any>(CREATE, { token: demoTokens.policeAnalyst(), variables: { input: { gradingScheme: 'UK_3X5X2', sourceEvaluation: '1', intelligenceAssessment: 'A' } } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'RECORD_WRITER_REQUIRED' });
  });
});
