import { describe, expect, it } from 'vitest';
import { explainRecordAccess } from '../../src/policies/access-explanation.js';
import { confirmedByCompiled, VerdictDisagreement, type CompiledVerdict } from '../../src/policies/compiled-verdict.js';
import { DEMO_CLAUSE, dayOffset, demoSnapshot, FIXED_NOW, JOURNEYS } from '../support/policy-fixtures.js';

/**
 * An access explanation takes its verdict from the compiled predicates and its wording from
 * memory; any disagreement between the two — readable, fields, matching clauses — refuses
 * the answer (issue 13 §2).
 */

const prisoner = (over: Record<string, unknown> = {}) => ({
  id: 'p-1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', vepStatus: 'ASSESSED_VEP', expectedReleaseDate: dayOffset(30), ...over,
});
const explained = (field: string | null, row = prisoner()) => explainRecordAccess({
  snapshot: demoSnapshot(), key: JOURNEYS.policeAnalystCounterTerrorism, now: FIXED_NOW, subject: 'Prisoner', field, row,
});

/** What the compiled read decides of a VEP prisoner for the analyst: the clause's identity fields. */
const AGREEING: CompiledVerdict = {
  readable: true,
  clauseIds: [DEMO_CLAUSE.policePrisoner],
  withheld: ['religion', 'ethnicity', 'healthNotes', 'dependants', 'updatedAt', 'externalId', 'revision'],
};

describe('confirmedByCompiled', () => {
  it('answers with the compiled verdict when the in-memory explanation agrees', () => {
    const explanation = explained('fullName');
    expect(confirmedByCompiled(explanation, AGREEING, 'Prisoner', 'fullName')).toEqual(explanation);
    const religion = explained('religion');
    expect(confirmedByCompiled(religion, AGREEING, 'Prisoner', 'religion')).toMatchObject({ allowed: false, recordReadable: true });
    const hidden = explained(null, prisoner({ vepStatus: 'NONE' }));
    expect(confirmedByCompiled(hidden, { readable: false, clauseIds: [], withheld: [] }, 'Prisoner', null))
      .toMatchObject({ allowed: false, recordReadable: false, readableFields: [] });
  });

  it('refuses to answer when the two disagree on the record, a field or the clauses', () => {
    const explanation = explained('fullName');
    const disagreeing: CompiledVerdict[] = [
      { ...AGREEING, readable: false },
      { ...AGREEING, withheld: [...AGREEING.withheld, 'fullName'] },
      { ...AGREEING, withheld: AGREEING.withheld.filter((f) => f !== 'updatedAt') },
      { ...AGREEING, clauseIds: [] },
      { ...AGREEING, clauseIds: [DEMO_CLAUSE.policePrisoner, 'another'] },
    ];
    for (const verdict of disagreeing) {
      expect(() => confirmedByCompiled(explanation, verdict, 'Prisoner', 'fullName'), JSON.stringify(verdict)).toThrow(VerdictDisagreement);
    }
    const hidden = explained(null, prisoner({ vepStatus: 'NONE' }));
    expect(() => confirmedByCompiled(hidden, AGREEING, 'Prisoner', null)).toThrow(/record readable: in memory false, compiled true/);
  });
});
