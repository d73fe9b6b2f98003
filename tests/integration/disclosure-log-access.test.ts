import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { entryFor, logCount } from '../support/disclosure-log.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/**
 * Who reads the disclosure log (issue 4, item 5), through real HTTP: inspectorate auditors
 * everything; an agency's MoU administrator its own staff's entries and other agencies' reads
 * of its data (and only that part of them); nobody else. Every read is itself logged.
 */

let db: TestDatabase;
let gateway: TestGateway;
/** Decision ids of the requests made before the tests read the log. */
const activity = {} as { policeDisclosure: string; prisonsConsultation: string; prisonsMixed: string; probationDisclosure: string; policeDenial: string };
let mixedPrisonerId: string;
let policeFlagId: string;

const decisionOf = (res: GraphQLResponse): string => res.body.extensions!.liaison!.decisionId;

const ENTRY_FIELDS = `seq hash prevHash kind decisionId recordedAt userId agency { code } roles issuer purpose caseReference operationName documentHash queried
  records { subject id prisonerId ownerAgency { code } fields redacted clauseIds }
  clauses { id label mouReference mouVersion provider { code } }
  denials { code subject detail }
  logAccess { action filter { field values } seqs }`;

async function readLog(token: string, filter: Record<string, unknown> = {}, options: { first?: number; after?: string; purpose?: string | null } = {}) {
  return gateway.graphql<any>(`query($filter: DisclosureFilter, $first: Int, $after: String) {
      disclosures(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ENTRY_FIELDS} } } } }`, {
    token, purpose: options.purpose === null ? undefined : options.purpose ?? 'OVERSIGHT', variables: { filter, first: options.first ?? 20, after: options.after ?? null },
  });
}

const decisionsIn = (res: any): string[] => res.body.data.disclosures.edges.map((e: any) => e.node.decisionId);
const nodeFor = (res: any, decisionId: string): any => res.body.data.disclosures.edges.find((e: any) => e.node.decisionId === decisionId)?.node;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  const flags = await gateway.graphql<any>('{ riskFlags(first: 2) { edges { node { id summary prisoner { id fullName } } } } }', {
    token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
  });
  activity.policeDisclosure = decisionOf(flags);
  policeFlagId = flags.body.data.riskFlags.edges[0].node.id;
  const [own] = await db.sql<{ id: string }>('SELECT id FROM prisoner ORDER BY id LIMIT 1');
  activity.prisonsConsultation = decisionOf(await gateway.graphql('query($id: ID!) { prisoner(id: $id) { id fullName } }', {
    token: demoTokens.prisonSecurityOfficer(), variables: { id: own!.id },
  }));
  // A prison officer reading a prisoner with police intelligence about them: records of two owners in one entry.
  const [subject] = await db.sql<{ prisoner_id: string }>(`
    SELECT s.prisoner_id FROM intelligence_report_subject s JOIN intelligence_report r ON r.id = s.report_id
     WHERE r.handling_code = 'P' AND r.tlp <> 'RED' LIMIT 1`);
  mixedPrisonerId = subject!.prisoner_id;
  const mixed = await gateway.graphql<any>('query($id: ID!) { prisoner(id: $id) { id fullName intelligenceReports { id sanitisedText } } }', {
    token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { id: mixedPrisonerId },
  });
  expect(mixed.body.data.prisoner.intelligenceReports.length).toBeGreaterThan(0);
  activity.prisonsMixed = decisionOf(mixed);
  activity.probationDisclosure = decisionOf(await gateway.graphql('{ releasePlans(first: 2) { edges { node { id releaseAddress } } } }', {
    token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-77',
  }));
  activity.policeDenial = decisionOf(await gateway.graphql('{ riskFlags { totalCount } }', { token: demoTokens.policeAnalyst() }));
  for (const decisionId of Object.values(activity)) expect(await entryFor(db, decisionId)).not.toBeNull();
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('inspectorate auditors', () => {
  it('read every entry in full, newest first, with its chain hashes', async () => {
    const before = await logCount(db);
    const res = await readLog(demoTokens.auditor());
    expect(res.body.errors).toBeUndefined();
    const { totalCount, edges } = res.body.data.disclosures;
    expect(totalCount).toBe(before);
    expect(await logCount(db)).toBe(before + 1); // this read
    expect(decisionsIn(res)).toEqual(expect.arrayContaining(Object.values(activity)));
    const seqs = edges.map((e: any) => e.node.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const mixed = nodeFor(res, activity.prisonsMixed);
    expect(mixed).toMatchObject({ kind: 'DISCLOSURE', userId: 'so-1', agency: { code: 'PRISONS' }, purpose: 'PRISON_SECURITY', issuer: 'urn:liaison:dev:PRISONS' });
    expect(new Set(mixed.records.map((r: any) => r.ownerAgency.code))).toEqual(new Set(['PRISONS', 'POLICE']));
    expect(mixed.clauses).toEqual([expect.objectContaining({ mouReference: 'MOU-POLICE-PRISONS-01', provider: { code: 'POLICE' } })]);
    const [row] = await db.sql<{ hash: string; prev_hash: string }>(
      `SELECT encode(hash, 'hex') AS hash, encode(prev_hash, 'hex') AS prev_hash FROM disclosure_log WHERE decision_id = $1`, [activity.prisonsMixed]);
    expect(mixed).toMatchObject({ hash: row!.hash, prevHash: row!.prev_hash });
    expect(nodeFor(res, activity.policeDenial)).toMatchObject({ kind: 'DENIAL', denials: [{ code: 'PURPOSE_REQUIRED', subject: 'RiskFlag', detail: 'read RiskFlag' }] });
  });

  it('declare the purpose OVERSIGHT, and nothing else (LED Art. 25(2))', async () => {
    const missing = await readLog(demoTokens.auditor(), {}, { purpose: null });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    expect(missing.body.data).toBeNull();
    expect(await entryFor(db, decisionOf(missing))).toMatchObject({ kind: 'DENIAL', denials: [{ code: 'PURPOSE_REQUIRED', subject: null }] });
    const other = await readLog(demoTokens.auditor(), {}, { purpose: 'COUNTER_TERRORISM' });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('page through the log without gaps or repeats', async () => {
    const total = (await readLog(demoTokens.auditor(), {}, { first: 0 })).body.data.disclosures.totalCount;
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await readLog(demoTokens.auditor(), { kinds: ['DISCLOSURE', 'CONSULTATION', 'DENIAL'] }, { first: 2, after })).body.data.disclosures;
      seen.push(...page.edges.map((e: any) => e.node.seq));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const nonLogReads = Number((await db.sql<{ n: string }>(`SELECT count(*) AS n FROM disclosure_log WHERE kind <> 'LOG_ACCESS'`))[0]!.n);
    expect(seen.length).toBe(nonLogReads);
    expect(total).toBeGreaterThan(nonLogReads);
    const bad = await readLog(demoTokens.auditor(), {}, { after: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filter by data owner, recipient, user, purpose, data subject, time and kind', async () => {
    const only = async (filter: Record<string, unknown>) => decisionsIn(await readLog(demoTokens.auditor(), { kinds: ['DISCLOSURE', 'CONSULTATION', 'DENIAL'], ...filter }));
    expect(await only({ recipientAgencyCode: 'PROBATION' })).toEqual([activity.probationDisclosure]);
    expect(await only({ purpose: 'SUPERVISION' })).toEqual([activity.probationDisclosure]);
    expect((await only({ userId: 'analyst-1' })).sort()).toEqual([activity.policeDisclosure, activity.policeDenial].sort());
    expect(await only({ agencyCode: 'POLICE' })).toEqual([activity.prisonsMixed]);
    expect(await only({ subjectId: policeFlagId })).toEqual([activity.policeDisclosure]);
    // A data subject: the prisoner's own record and the records about them.
    expect(await only({ subjectId: mixedPrisonerId })).toContain(activity.prisonsMixed);
    expect(await only({ kinds: ['DENIAL'], userId: 'analyst-1' })).toEqual([activity.policeDenial]);
    expect(await only({ from: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
    expect((await only({ to: new Date(Date.now() + 3_600_000).toISOString() })).length).toBeGreaterThanOrEqual(Object.keys(activity).length);
  });

  it('verify the whole log (auditIntegrity) and seal it (sealDisclosureLog)', async () => {
    const integrity = await gateway.graphql<any>(`{ auditIntegrity { intact checkedAt entries headSeq headHash checkpointsVerified unsealedEntries
      lastCheckpoint { seq } problem { seq kind detail } } }`, { token: demoTokens.auditor(), purpose: 'OVERSIGHT' });
    expect(integrity.body.errors).toBeUndefined();
    const before = integrity.body.data.auditIntegrity;
    expect(before).toMatchObject({ intact: true, problem: null, lastCheckpoint: null, checkpointsVerified: 0 });
    expect(before.entries).toBe(before.headSeq);
    expect(before.unsealedEntries).toBe(before.entries);

    const sealed = await gateway.graphql<any>('mutation { sealDisclosureLog { seq hash signedAt keyId signature } }', { token: demoTokens.auditor(), purpose: 'OVERSIGHT' });
    expect(sealed.body.errors).toBeUndefined();
    const checkpoint = sealed.body.data.sealDisclosureLog;
    const [head] = await db.sql<{ seq: string; hash: string }>(`SELECT seq, encode(hash, 'hex') AS hash FROM disclosure_log_checkpoint ORDER BY seq DESC LIMIT 1`);
    expect(checkpoint).toMatchObject({ seq: Number(head!.seq), hash: head!.hash, keyId: gateway.disclosureLog.keys.signer!.keyId });
    expect(checkpoint.seq).toBeGreaterThan(before.headSeq); // the integrity check was itself logged first

    const after = (await gateway.graphql<any>('{ auditIntegrity { intact checkpointsVerified lastCheckpoint { seq } unsealedEntries } }', {
      token: demoTokens.auditor(), purpose: 'OVERSIGHT',
    })).body.data.auditIntegrity;
    expect(after).toMatchObject({ intact: true, checkpointsVerified: 1, lastCheckpoint: { seq: checkpoint.seq } });
    expect(after.unsealedEntries).toBe(1); // the seal itself was logged after the checkpoint
  });
});

describe('an agency\'s MoU administrator', () => {
  it('reads its own staff\'s entries and other agencies\' reads of its data — and nothing else', async () => {
    const prisons = await readLog(demoTokens.prisonsMouAdmin());
    expect(prisons.body.errors).toBeUndefined();
    const seen = decisionsIn(prisons);
    expect(seen).toEqual(expect.arrayContaining([activity.policeDisclosure, activity.prisonsConsultation, activity.prisonsMixed, activity.probationDisclosure]));
    expect(seen).not.toContain(activity.policeDenial);
    expect(prisons.body.data.disclosures.totalCount).toBe(seen.length);
    // Its own staff's entry, in full: the police intelligence its officer received.
    const mixed = nodeFor(prisons, activity.prisonsMixed);
    expect(new Set(mixed.records.map((r: any) => r.ownerAgency.code))).toEqual(new Set(['PRISONS', 'POLICE']));
    // Another agency's read of its data: who, why, under which clause.
    const police = nodeFor(prisons, activity.policeDisclosure);
    expect(police).toMatchObject({ userId: 'analyst-1', agency: { code: 'POLICE' }, purpose: 'COUNTER_TERRORISM' });
    expect(police.clauses.map((c: any) => c.mouReference)).toEqual(['MOU-PRISONS-POLICE-01', 'MOU-PRISONS-POLICE-01']);
  });

  it('sees, in another agency\'s entry, only the records of its own agency\'s data', async () => {
    const police = await readLog(demoTokens.policeMouAdmin());
    const seen = decisionsIn(police);
    expect(seen).toEqual(expect.arrayContaining([activity.policeDisclosure, activity.policeDenial, activity.prisonsMixed]));
    for (const hidden of [activity.prisonsConsultation, activity.probationDisclosure]) expect(seen).not.toContain(hidden);
    const mixed = nodeFor(police, activity.prisonsMixed);
    expect(mixed.records.length).toBeGreaterThan(0);
    expect(mixed.records.every((r: any) => r.ownerAgency.code === 'POLICE' && r.subject === 'IntelligenceReport')).toBe(true);
    expect(mixed.clauses.every((c: any) => c.provider.code === 'POLICE')).toBe(true);

    const probation = decisionsIn(await readLog(demoTokens.probationMouAdmin(), { kinds: ['DISCLOSURE', 'CONSULTATION', 'DENIAL'] }));
    expect(probation).toEqual([activity.probationDisclosure]);
  });

  it('cannot use a filter to learn what else another agency\'s entry holds', async () => {
    // The prisoner in the prison officer's entry is PRISONS data: the police administrator is not shown it, so cannot find the entry by it.
    const bySubject = decisionsIn(await readLog(demoTokens.policeMouAdmin(), { subjectId: mixedPrisonerId }));
    expect(bySubject).not.toContain(activity.prisonsMixed);
    const reportId = nodeFor(await readLog(demoTokens.policeMouAdmin()), activity.prisonsMixed).records[0].id;
    expect(decisionsIn(await readLog(demoTokens.policeMouAdmin(), { subjectId: reportId }))).toEqual([activity.prisonsMixed]);
    expect(decisionsIn(await readLog(demoTokens.policeMouAdmin(), { agencyCode: 'PRISONS', kinds: ['DISCLOSURE', 'CONSULTATION'] }))).toEqual([activity.policeDisclosure]);
  });

  it('may not verify or seal the log', async () => {
    for (const query of ['{ auditIntegrity { intact } }', 'mutation { sealDisclosureLog { seq } }']) {
      const res = await gateway.graphql(query, { token: demoTokens.prisonsMouAdmin(), purpose: 'OVERSIGHT' });
      expect(res.body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
  });
});

describe('everyone else', () => {
  it('is refused, and the refusal is logged', async () => {
    for (const token of [demoTokens.policeAnalyst(), demoTokens.prisonSecurityOfficer(), demoTokens.probationOfficer()]) {
      const res = await readLog(token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data).toBeNull();
      expect(await entryFor(db, decisionOf(res))).toMatchObject({ kind: 'DENIAL' });
    }
  });
});

describe('reading the log is itself logged', () => {
  it('as LOG_ACCESS, with the filter given and the entries shown', async () => {
    const res = await readLog(demoTokens.prisonsMouAdmin(), { purpose: 'COUNTER_TERRORISM', kinds: ['DISCLOSURE'] }, { first: 5 });
    const shown = res.body.data.disclosures.edges.map((e: any) => e.node.seq);
    expect(shown.length).toBeGreaterThan(0);
    const entry = await entryFor(db, decisionOf(res));
    expect(entry).toMatchObject({
      kind: 'LOG_ACCESS', userId: 'prisons-admin-1', agencyCode: 'PRISONS', roles: ['MOU_ADMIN'], purpose: 'OVERSIGHT',
      records: [], logAccess: [{ action: 'LIST', filter: { purpose: 'COUNTER_TERRORISM', kinds: ['DISCLOSURE'] }, seqs: shown }],
    });
    // …and readable as such by the auditors.
    const audit = await readLog(demoTokens.auditor(), { kinds: ['LOG_ACCESS'], userId: 'prisons-admin-1' }, { first: 1 });
    expect(audit.body.data.disclosures.edges[0].node).toMatchObject({
      decisionId: decisionOf(res), logAccess: [{ action: 'LIST', seqs: shown, filter: expect.arrayContaining([{ field: 'kinds', values: ['DISCLOSURE'] }]) }],
    });
  });
});

describe('a search that shows only a count ("is this person held?")', () => {
  it('is shown, with its terms, to the MoU administrators of the agency whose data it searched — sent as variables or as literals', async () => {
    const [vep] = await db.sql<{ id: string; national_id: string }>(`SELECT id, national_id FROM prisoner WHERE vep_status = 'TERRORISM_CONVICTION' AND national_id IS NOT NULL LIMIT 1`);
    const asVariables = await gateway.graphql<any>('query Held($n: String) { prisoners(filter: { nationalId: $n }) { totalCount } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { n: vep!.national_id },
    });
    expect(asVariables.body.data.prisoners.totalCount).toBe(1);
    const asLiteral = await gateway.graphql<any>(`{ prisoners(filter: { nationalId: ${JSON.stringify(vep!.national_id)} }) { totalCount } }`, {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
    });
    expect(asLiteral.body.data.prisoners.totalCount).toBe(1);

    const fields = 'decisionId kind records { id } searchTerms { field subject arguments agencies { code } }';
    // Issue 13: the count reveals the record it counts, so the entry is a DISCLOSURE naming it.
    const read = (token: string) => gateway.graphql<any>(`query { disclosures(filter: { recipientAgencyCode: "POLICE", kinds: [DISCLOSURE] }, first: 2) { edges { node { ${fields} } } } }`, {
      token, purpose: 'OVERSIGHT',
    });
    const prisonsRes = await read(demoTokens.prisonsMouAdmin());
    expect(prisonsRes.body.errors).toBeUndefined();
    const prisons = prisonsRes.body.data.disclosures.edges.map((e: any) => e.node);
    for (const res of [asVariables, asLiteral]) {
      const node = prisons.find((n: any) => n.decisionId === decisionOf(res));
      expect(node).toEqual({
        decisionId: decisionOf(res), kind: 'DISCLOSURE', records: [{ id: vep!.id }],
        searchTerms: [{ field: 'prisoners', subject: 'Prisoner', arguments: expect.objectContaining({ filter: { nationalId: vep!.national_id } }), agencies: [{ code: 'PRISONS' }] }],
      });
    }
    // Another agency, whose data the search could not reach, is shown neither.
    const probation = (await read(demoTokens.probationMouAdmin())).body.data.disclosures.edges.map((e: any) => e.node.decisionId);
    expect(probation).not.toContain(decisionOf(asVariables));
    expect(probation).not.toContain(decisionOf(asLiteral));
  });
});
