import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13 §2 — one enforced road: shared records are read by the compiled read
 * (src/enforcement/compiled-read/) and by nothing else. This test finds every module in src/
 * that names a governed table in SQL, reaches a governed entity's repository, or takes the
 * query-builder road (`fetchAccessible`, `createQueryBuilder(RECORD_ALIAS)`), and fails on any
 * that is not an explicit exception below. An exception is a change to review like a policy
 * change: each says why it is not a shared read.
 */

const GOVERNED_TABLES = [
  'prisoner', 'risk_flag', 'risk_assessment', 'classification', 'release_plan', 'intervention', 'intelligence_report',
  // their child rows, read only as fields of a governed record
  'prisoner_name', 'licence_condition', 'intelligence_report_subject',
];
const GOVERNED_ENTITIES = [
  'Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport',
  'PrisonerName', 'LicenceCondition', 'IntelligenceReportSubject',
];

const SQL_USE = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+(${GOVERNED_TABLES.join('|')})\\b`, 'i');
const REPOSITORY_USE = new RegExp(`getRepository\\((${GOVERNED_ENTITIES.join('|')})Entity\\)|SUBJECT_ENTITIES\\[`);
const QUERY_BUILDER_ROAD = /fetchAccessible(<[^>]*>)?\(|createQueryBuilder\(RECORD_ALIAS\)/;

/** Modules allowed to touch governed tables, and why. Keep it short. */
const EXCEPTIONS: Record<string, string> = {
  // The road itself.
  'src/enforcement/compiled-read/compile-records.ts': 'the compiler',
  'src/enforcement/compiled-read/record-shapes.ts': 'the compiler: where each field is stored',
  'src/enforcement/compiled-read/record-filters.ts': 'the compiler: filters, the prisoner filter under the Prisoner policy',
  // Owner writes: an agency writing its own records is not a shared read.
  'src/publishing/stored-records.ts': 'owner writes: the current state of the writer\'s own records',
  'src/publishing/prisoner-names.ts': 'owner writes: a prisoner\'s names',
  'src/publishing/kinds/intelligence-report.ts': 'owner writes: report subjects',
  'src/publishing/kinds/release-plan.ts': 'owner writes: licence conditions',
  'src/names/store/name-key-store.ts': 'the names key store (the one writer of name keys)',
  // Alerts: the policy-relevant columns of a changed record, read in the writing transaction to decide
  // delivery (never returned to anyone).
  'src/alerts/policy-image.ts': 'alert policy images: before/after state of a written record, for delivery decisions',
  // The person search ranks name variants in its own statement: the policy-filtered choice of candidate
  // ids and the variants that matched (never returned as records: the page's records are read by the
  // compiled read with the selection of its results).
  'src/enforcement/policed-reads.ts': 'the person search\'s candidate statement under policy (fetchAccessible)',
  'src/records/person-search.ts': 'the person search: ranked candidate ids (records presented by the compiled read)',
};

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? modules(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const root = join(import.meta.dirname, '..', '..');
const readers = modules(join(root, 'src'))
  .filter((path) => !relative(root, path).startsWith('src/seed/')) // seeding writes the demo data set
  .filter((path) => {
    const text = readFileSync(path, 'utf8');
    return SQL_USE.test(text) || REPOSITORY_USE.test(text) || QUERY_BUILDER_ROAD.test(text);
  })
  .map((path) => relative(root, path).split('\\').join('/'))
  .sort();

describe('one road to shared records', () => {
  it('no module outside the compiled read selects from a governed table, except the listed ones', () => {
    expect(readers.filter((path) => !Object.hasOwn(EXCEPTIONS, path))).toEqual([]);
  });

  it('every exception still needs to be one (the list does not rot)', () => {
    expect(Object.keys(EXCEPTIONS).filter((path) => !readers.includes(path))).toEqual([]);
  });

  it('finds a read it has not been told about', () => {
    expect(SQL_USE.test('SELECT id FROM risk_flag WHERE true')).toBe(true);
    expect(SQL_USE.test('  left join prisoner p on p.id = x')).toBe(true);
    expect(REPOSITORY_USE.test('ds.getRepository(RiskFlagEntity)')).toBe(true);
    expect(QUERY_BUILDER_ROAD.test('await fetchAccessible(ctx, "Prisoner", qb)')).toBe(true);
  });
});
