import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok, refused, VEP_CLASSIFICATION_CLAUSE } from '../support/mou-api.js';

/**
 * Drafting and write-time validation (issue 3, item 2) through HTTP: every problem of an MoU
 * or clause is reported at once, each naming the clause (position and label) and the part.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;
const prisonsAdmin = () => demoTokens.mouAdmin('PRISONS');

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

interface Problem { position: number | null; clause: string | null; path: string; message: string }
const problemsOf = (res: Awaited<ReturnType<typeof api.create>>): Problem[] =>
  refused(res, 'BAD_USER_INPUT', 'INVALID_MOU').extensions.problems as Problem[];

describe('write-time validation', () => {
  it('reports every problem of every clause, each naming the clause and the offending part', async () => {
    const res = await api.create(prisonsAdmin(), draftInput({
      reference: 'MOU-PRISONS-POLICE-BAD',
      clauses: [
        { ...VEP_CLASSIFICATION_CLAUSE, label: 'Health', subject: 'Prisoner', fields: ['id', 'fullName', 'healthNotes', 'shoeSize'], conditions: null },
        {
          ...VEP_CLASSIFICATION_CLAUSE, label: 'Wide flags', subject: 'RiskFlag', fields: ['id', 'category'],
          conditions: { severity: { $regex: 'HIGH' }, ownerAgencyCode: 'POLICE' },
          purposes: ['COUNTER_TERRORISM', 'SUPERVISION'], recipientRoles: ['ANALYST', 'PROBATION_OFFICER'],
        },
        { ...VEP_CLASSIFICATION_CLAUSE, label: 'wide FLAGS', retentionDays: 0 },
      ],
    }));
    const problems = problemsOf(res);
    expect(problems).toEqual(expect.arrayContaining([
      { position: 0, clause: 'Health', path: 'fields.healthNotes', message: '"healthNotes" is a statutory exclusion; no MoU may grant it' },
      { position: 0, clause: 'Health', path: 'fields.shoeSize', message: 'unknown field "shoeSize" of Prisoner' },
      { position: 1, clause: 'Wide flags', path: 'conditions.severity.$regex', message: 'unknown operator $regex' },
      { position: 1, clause: 'Wide flags', path: 'conditions.ownerAgencyCode', message: 'conditions may not test record ownership: a clause covers only records its provider owns' },
      { position: 1, clause: 'Wide flags', path: 'purposes[1]', message: 'SUPERVISION is not one of the MoU\'s purposes (COUNTER_TERRORISM)' },
      { position: 1, clause: 'Wide flags', path: 'recipientRoles[1]', message: 'POLICE has no role "PROBATION_OFFICER"' },
      { position: 2, clause: 'wide FLAGS', path: 'retentionDays', message: expect.stringContaining('whole number of days') },
      { position: 2, clause: 'wide FLAGS', path: 'label', message: 'the same label as clause 2; labels must be unique within an MoU' },
    ]));
    expect(problems).toHaveLength(8);
    const message = res.body.errors![0]!.message;
    expect(message).toContain('Refused (INVALID_MOU): 8 problems');
    expect(message).toContain('clause 1 "Health": fields.healthNotes');
    // Nothing was written, and the refusal is in the admin log with the request as made.
    expect(await db.sql(`SELECT 1 FROM mou WHERE reference = 'MOU-PRISONS-POLICE-BAD'`)).toEqual([]);
    const log = (await api.events(prisonsAdmin(), { outcomes: ['REFUSED'], actions: ['CREATE_DRAFT'] })).body.data.mouAdminEvents;
    expect(log.edges[0].node).toMatchObject({ refusal: { code: 'BAD_USER_INPUT', rule: 'INVALID_MOU' }, request: { reference: 'MOU-PRISONS-POLICE-BAD' } });
  });

  it('checks the terms: parties, reference, legal basis, purposes and validity', async () => {
    const problems = problemsOf(await api.create(prisonsAdmin(), draftInput({
      reference: 'MOU-PRISONS-PRISONS-01', recipient: 'PRISONS', legalBasis: '  ', purposes: ['COUNTER_TERRORISM', 'COUNTER_TERRORISM'],
      validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2025-01-01T00:00:00.000Z', clauses: [],
    })));
    expect(problems.map((p) => p.path)).toEqual(['recipient', 'legalBasis', 'purposes[1]', 'validUntil']);
    expect(problems.every((p) => p.position === null && p.clause === null)).toBe(true);
    const wrongPrefix = problemsOf(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-POLICE-PRISONS-99' })));
    expect(wrongPrefix).toEqual([{ position: null, clause: null, path: 'reference', message: expect.stringContaining('MOU-PRISONS-POLICE-<suffix>') }]);
    const unknownRecipient = problemsOf(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-CUSTOMS-01', recipient: 'CUSTOMS' })));
    expect(unknownRecipient.map((p) => [p.path, p.message])).toEqual(expect.arrayContaining([
      ['recipient', 'unknown agency "CUSTOMS"'], ['recipientRoles[0]', 'CUSTOMS has no role "ANALYST"'],
    ]));
  });

  it('refuses a statutory field added to a draft, naming the clause', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-10' })));
    const problems = problemsOf(await api.addClause(prisonsAdmin(), draft.id, {
      ...VEP_CLASSIFICATION_CLAUSE, label: 'Religion of VEPs', subject: 'Prisoner', fields: ['id', 'religion'], conditions: { vepStatus: 'ASSESSED_VEP' },
    }));
    expect(problems).toEqual([{ position: 1, clause: 'Religion of VEPs', path: 'fields.religion', message: '"religion" is a statutory exclusion; no MoU may grant it' }]);
    const clash = problemsOf(await api.addClause(prisonsAdmin(), draft.id, VEP_CLASSIFICATION_CLAUSE));
    expect(clash).toEqual([expect.objectContaining({ position: 1, path: 'label', message: 'the same label as clause 1; labels must be unique within an MoU' })]);
    const statutoryCondition = problemsOf(await api.updateClause(prisonsAdmin(), draft.clauses[0]!.id, { conditions: { 'prisoner.religion': 'X' } }));
    expect(statutoryCondition).toEqual([expect.objectContaining({ position: 0, clause: 'Classification of VEPs', path: 'conditions.prisoner.religion' })]);
  });

  it('re-checks every clause when the terms change, and clears conditions with null', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-11', purposes: ['COUNTER_TERRORISM', 'PUBLIC_PROTECTION'] })));
    const problems = problemsOf(await api.updateDraft(prisonsAdmin(), draft.id, { purposes: ['PUBLIC_PROTECTION'] }));
    expect(problems).toEqual([{ position: 0, clause: 'Classification of VEPs', path: 'purposes[0]', message: 'COUNTER_TERRORISM is not one of the MoU\'s purposes (PUBLIC_PROTECTION)' }]);
    const retitled = ok(await api.updateDraft(prisonsAdmin(), draft.id, { title: 'New title', validUntil: '2030-01-01T00:00:00.000Z' }));
    expect(retitled).toMatchObject({ title: 'New title', validUntil: '2030-01-01T00:00:00.000Z', purposes: ['COUNTER_TERRORISM', 'PUBLIC_PROTECTION'] });
    const openEnded = ok(await api.updateDraft(prisonsAdmin(), draft.id, { validUntil: null }));
    expect(openEnded.validUntil).toBeNull();
    const unconditional = ok(await api.updateClause(prisonsAdmin(), draft.clauses[0]!.id, { conditions: null, maxTlp: 'GREEN' }));
    expect(unconditional.clauses[0]).toMatchObject({ conditions: null, maxTlp: 'GREEN', fields: VEP_CLASSIFICATION_CLAUSE.fields });
  });

  it('submits only a complete text: at least one clause, validity not over', async () => {
    const empty = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-12', clauses: [] })));
    expect(problemsOf(await api.submit(prisonsAdmin(), empty.id))).toEqual([
      { position: null, clause: null, path: 'clauses', message: 'an MoU must have at least one clause' },
    ]);
    const past = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-13', validUntil: '2025-12-31T00:00:00.000Z' })));
    refused(await api.submit(prisonsAdmin(), past.id), 'BAD_USER_INPUT', 'VALIDITY_ENDED');
  });

  it('removes clauses from a draft and renumbers the rest', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({
      reference: 'MOU-PRISONS-POLICE-14',
      clauses: ['A', 'B', 'C', 'D'].map((label) => ({ ...VEP_CLASSIFICATION_CLAUSE, label })),
    })));
    const after = ok(await api.removeClause(prisonsAdmin(), draft.clauses[1]!.id));
    expect(after.clauses.map((c) => [c.position, c.label])).toEqual([[0, 'A'], [1, 'C'], [2, 'D']]);
    refused(await api.removeClause(prisonsAdmin(), draft.clauses[1]!.id), 'NOT_FOUND');
    const log = (await api.events(prisonsAdmin(), { mouId: draft.id, actions: ['REMOVE_CLAUSE'] })).body.data.mouAdminEvents;
    expect(log.edges[0].node.clauseId).toBe(draft.clauses[1]!.id);
    expect(log.edges[0].node.before.clauses.map((c: any) => c.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(log.edges[0].node.after.clauses.map((c: any) => c.label)).toEqual(['A', 'C', 'D']);
  });
});

describe('who drafts', () => {
  it('needs the MOU_ADMIN role; the provider is always the drafter\'s own agency', async () => {
    refused(await api.create(demoTokens.prisonSecurityOfficer(), draftInput({ reference: 'MOU-PRISONS-POLICE-20' })), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    refused(await api.create(demoTokens.auditor(), draftInput({ reference: 'MOU-PRISONS-POLICE-20' })), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    // A police admin cannot draft a grant of prison records: its drafts are POLICE → recipient.
    const policeDraft = problemsOf(await api.create(demoTokens.mouAdmin('POLICE'), draftInput({ reference: 'MOU-PRISONS-POLICE-20' })));
    expect(policeDraft.map((p) => p.path)).toContain('reference');
    const own = ok(await api.create(demoTokens.mouAdmin('POLICE'), draftInput({
      reference: 'MOU-POLICE-PRISONS-20', recipient: 'PRISONS', purposes: ['PRISON_SECURITY'],
      clauses: [{ ...VEP_CLASSIFICATION_CLAUSE, subject: 'IntelligenceReport', fields: ['id', 'priority'], conditions: null, purposes: ['PRISON_SECURITY'], recipientRoles: ['SECURITY_OFFICER'] }],
    })));
    expect(own).toMatchObject({ provider: { code: 'POLICE' }, recipient: { code: 'PRISONS' } });
  });

  it('refuses a reference already in use, pointing to amendment', async () => {
    refused(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-01' })), 'BAD_USER_INPUT', 'REFERENCE_TAKEN');
  });

  it('refuses edits by the recipient, and answers an unknown clause like a hidden one', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-21' })));
    refused(await api.updateClause(demoTokens.mouAdmin('POLICE'), draft.clauses[0]!.id, { maxTlp: 'RED' }), 'FORBIDDEN', 'PROVIDER_ONLY');
    refused(await api.updateDraft(demoTokens.mouAdmin('POLICE'), draft.id, { title: 'Ours now' }), 'FORBIDDEN', 'PROVIDER_ONLY');
    const hidden = refused(await api.updateClause(demoTokens.mouAdmin('PROBATION'), draft.clauses[0]!.id, { maxTlp: 'RED' }), 'NOT_FOUND');
    const missing = refused(await api.updateClause(demoTokens.mouAdmin('PROBATION'), '00000000-0000-4000-8000-000000000000', { maxTlp: 'RED' }), 'NOT_FOUND');
    expect(hidden).toEqual(missing);
    refused(await api.updateClause(prisonsAdmin(), 'not-a-uuid', { maxTlp: 'RED' }), 'BAD_USER_INPUT');
  });
});
