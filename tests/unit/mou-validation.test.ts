import { describe, expect, it } from 'vitest';
import {
  clauseProblems, describeProblem, mouProblems, termsProblems, type AgencyRoles, type ClauseDraft, type MouTermsDraft,
} from '../../src/mou/rules/mou-validation.js';
import { DEMO_AGENCIES } from '../../src/seed/demo-agencies.js';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';
import { draftFromDocument } from '../../src/mou/rules/mou-document.js';

const NOW = new Date('2026-03-15T10:30:00.000Z');
const AGENCIES: AgencyRoles = new Map(DEMO_AGENCIES.map((a) => [a.code, new Set(a.roles.map((r) => r.role))]));

const terms = (overrides: Partial<MouTermsDraft> = {}): MouTermsDraft => ({
  reference: 'MOU-PRISONS-POLICE-07',
  title: 'Test',
  providerAgencyCode: 'PRISONS',
  recipientAgencyCode: 'POLICE',
  legalBasis: 'Act s. 1',
  purposes: ['COUNTER_TERRORISM'],
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validUntil: null,
  ...overrides,
});

const clause = (overrides: Partial<ClauseDraft> = {}): ClauseDraft => ({
  label: 'Flags',
  subjectType: 'RiskFlag',
  fields: ['id', 'category'],
  conditions: null,
  purposes: ['COUNTER_TERRORISM'],
  recipientRoles: ['ANALYST'],
  maxTlp: 'AMBER',
  onwardDisclosure: 'NONE',
  retentionDays: 30,
  caseReferenceRequired: false,
  dailyRecordQuota: null,
  ...overrides,
});

const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('MoU validation', () => {
  it('accepts the three demo MoUs', () => {
    for (const document of DEMO_MOUS) {
      const draft = draftFromDocument(document);
      expect(mouProblems(draft.terms, draft.clauses, AGENCIES, NOW, { forSubmission: true }), document.reference).toEqual([]);
    }
  });

  it('names the clause by position and label, and the part', () => {
    const [problem] = clauseProblems(clause({ fields: ['id', 'religion'], subjectType: 'Prisoner', label: 'Faith' }), 3, terms(), AGENCIES, NOW);
    expect(problem).toEqual({ position: 3, clause: 'Faith', path: 'fields.religion', message: '"religion" is a statutory exclusion; no MoU may grant it' });
    expect(describeProblem(problem!)).toBe('clause 4 "Faith": fields.religion: "religion" is a statutory exclusion; no MoU may grant it');
    expect(describeProblem({ position: null, clause: null, path: 'title', message: 'must not be empty' })).toBe('MoU: title: must not be empty');
  });

  it('checks purposes against the MoU and roles against the recipient', () => {
    const problems = clauseProblems(clause({ purposes: ['COUNTER_TERRORISM', 'SUPERVISION', 'GOSSIP'], recipientRoles: ['ANALYST', 'HEALTH_STAFF', 'ANALYST'] }), 0, terms(), AGENCIES, NOW);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['purposes[2]', 'unknown purpose "GOSSIP"'],
      ['purposes[1]', 'SUPERVISION is not one of the MoU\'s purposes (COUNTER_TERRORISM)'],
      ['recipientRoles[1]', 'POLICE has no role "HEALTH_STAFF"'],
      ['recipientRoles[2]', '"ANALYST" is listed twice'],
    ]);
    expect(paths(clauseProblems(clause({ purposes: [], recipientRoles: [] }), 0, terms(), AGENCIES, NOW))).toEqual(['purposes', 'recipientRoles']);
  });

  it('refuses any test of ownership in conditions, at any depth', () => {
    for (const conditions of [
      { ownerAgencyCode: 'POLICE' },
      { 'prisoner.ownerAgencyCode': 'POLICE' },
      { $or: [{ status: 'ACTIVE' }, { ownerAgencyCode: 'POLICE' }] },
    ]) {
      const problems = clauseProblems(clause({ conditions }), 0, terms(), AGENCIES, NOW);
      expect(problems.map((p) => p.message), JSON.stringify(conditions)).toEqual(['conditions may not test record ownership: a clause covers only records its provider owns']);
    }
  });

  it('reuses the compiler\'s condition language checks', () => {
    const problems = clauseProblems(clause({ conditions: { severity: { $gt: 'HIGH' }, summary: 'x', $where: '1' } }), 0, terms(), AGENCIES, NOW);
    expect(paths(problems)).toEqual(['conditions.severity.$gt', 'conditions.summary', 'conditions.$where']);
  });

  it('checks handling, retention and types', () => {
    const problems = clauseProblems(clause({ maxTlp: 'BLACK', onwardDisclosure: 'ANYONE', retentionDays: 1.5, label: ' ', caseReferenceRequired: 'yes' as unknown as boolean }), 0, terms(), AGENCIES, NOW);
    expect(paths(problems)).toEqual(['label', 'maxTlp', 'onwardDisclosure', 'retentionDays', 'caseReferenceRequired']);
    expect(paths(clauseProblems(clause({ retentionDays: 3651 }), 0, terms(), AGENCIES, NOW))).toEqual(['retentionDays']);
  });

  it('checks the terms: known, distinct parties, reference naming them, legal basis, validity', () => {
    expect(termsProblems(terms(), AGENCIES)).toEqual([]);
    expect(paths(termsProblems(terms({ recipientAgencyCode: 'PRISONS', reference: 'MOU-PRISONS-PRISONS-1' }), AGENCIES))).toEqual(['recipient']);
    expect(paths(termsProblems(terms({ reference: 'MOU-PRISONS-POLICE-' }), AGENCIES))).toEqual(['reference']);
    expect(paths(termsProblems(terms({ reference: 'mou-prisons-police-1' }), AGENCIES))).toEqual(['reference']);
    expect(paths(termsProblems(terms({ providerAgencyCode: 'MI6', reference: 'MOU-MI6-POLICE-1' }), AGENCIES))).toEqual(['provider']);
    expect(paths(termsProblems(terms({ legalBasis: '' , title: 'a\nb' }), AGENCIES))).toEqual(['title', 'legalBasis']);
    expect(paths(termsProblems(terms({ purposes: [] }), AGENCIES))).toEqual(['purposes']);
    expect(paths(termsProblems(terms({ validUntil: new Date('2025-12-31T00:00:00Z') }), AGENCIES))).toEqual(['validUntil']);
    expect(paths(termsProblems(terms({ validFrom: new Date('nope') }), AGENCIES))).toEqual(['validFrom']);
  });

  it('wants unique labels, and on submission at least one clause and a validity not over', () => {
    const problems = mouProblems(terms(), [clause(), clause({ label: ' flags ' })], AGENCIES, NOW);
    expect(problems).toEqual([{ position: 1, clause: ' flags ', path: 'label', message: 'the same label as clause 1; labels must be unique within an MoU' }]);
    expect(mouProblems(terms(), [], AGENCIES, NOW)).toEqual([]);
    expect(paths(mouProblems(terms({ validUntil: new Date('2026-02-01T00:00:00Z') }), [], AGENCIES, NOW, { forSubmission: true }))).toEqual(['clauses', 'validUntil']);
  });
});

describe('the daily record quota term', () => {
  it('accepts none or a positive whole number, and refuses anything else naming the clause', () => {
    expect(clauseProblems(clause({ dailyRecordQuota: null }), 0, terms(), AGENCIES, NOW)).toEqual([]);
    expect(clauseProblems(clause({ dailyRecordQuota: 500 }), 0, terms(), AGENCIES, NOW)).toEqual([]);
    for (const bad of [0, -1, 2.5, 10_000_001]) {
      expect(clauseProblems(clause({ dailyRecordQuota: bad }), 0, terms(), AGENCIES, NOW)).toEqual([
        expect.objectContaining({ position: 0, clause: 'Flags', path: 'dailyRecordQuota' }),
      ]);
    }
  });
});
