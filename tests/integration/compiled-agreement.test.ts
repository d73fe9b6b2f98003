import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStatutoryField } from '../../src/policies/statutory-exclusions.js';
import { SUBJECTS } from '../../src/policies/subjects.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoMouId, mouApi, ok } from '../support/mou-api.js';

/**
 * Issue 13 §2 — one enforced road: the MoU impact preview and access explanations answer with
 * the compiled predicates, so they agree with what a compiled read by the same audience
 * returns. Against real reads by a police analyst (COUNTER_TERRORISM), before and after an
 * amendment comes into force:
 * - the preview's rows and per-field counts are the records and fields those reads return
 *   (a field counts on a record when the read returns it unredacted);
 * - an explanation says a record is readable exactly when the read returns it, and a field is
 *   withheld exactly when the read returns it null with a redaction.
 * The amendment overlaps two Prisoner clauses with different fields and conditions, so the
 * field masks differ from row to row.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;

/** Prisoner fields a clause may grant, other than the id (it follows the record). */
const FIELDS = SUBJECTS.Prisoner.fields.filter((f) => f !== 'id');
const SELECTION = FIELDS.map((f) => (f === 'names' ? 'names { value }' : f === 'facility' ? 'facility { code }' : f)).join(' ');
const PRISONERS = `query($after: String) { prisoners(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id ownerAgency { code } redactions { field reason } ${SELECTION} } } } }`;

const ANALYST = { agency: 'POLICE', roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM', subject: 'Prisoner' };
const EXPLAIN = `query($input: ExplainAccessInput!) { explainAccess(input: $input) { allowed recordReadable detail readableFields } }`;
const IMPACT = `query($id: ID!) { mouImpact(id: $id) { audiences { role purpose subjects {
  subject rowsBefore rowsAfter rowsGained rowsLost fieldChanges { field rowsGained rowsLost } } } } }`;

/** What the analyst's compiled read returns: per PRISONS prisoner, the fields returned unredacted. */
type Read = Map<string, Set<string>>;

async function analystRead(): Promise<Read> {
  const read: Read = new Map();
  let after: string | null = null;
  do {
    const res: any = await gateway.graphql<any>(PRISONERS, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { after } });
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data.prisoners;
    for (const { node } of page.edges) {
      if (node.ownerAgency.code !== 'PRISONS') continue;
      const redacted = new Map<string, string>(node.redactions.map((r: { field: string; reason: string }) => [r.field, r.reason]));
      for (const field of FIELDS) {
        // A withheld field is null, with the reason it is withheld.
        if (redacted.has(field)) {
          expect(node[field], `${node.id}.${field}`).toBeNull();
          expect(redacted.get(field)).toBe(isStatutoryField('Prisoner', field) ? 'STATUTORY_EXCLUSION' : 'NO_CLAUSE');
        }
      }
      read.set(node.id, new Set(FIELDS.filter((f) => !redacted.has(f))));
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return read;
}

const explain = async (recordId: string, field: string | null = null) => {
  const res = await gateway.graphql<any>(EXPLAIN, { token: demoTokens.auditor(), variables: { input: { ...ANALYST, recordId, field } } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.explainAccess as { allowed: boolean; recordReadable: boolean; detail: string; readableFields: string[] };
};

/** Explanations of `ids` against the read: readable ⇔ returned; each field withheld ⇔ redacted. */
async function expectExplanationsAgree(ids: readonly string[], read: Read): Promise<{ readable: number; fieldSets: number }> {
  let readable = 0;
  const fieldSets = new Set<string>();
  for (const id of ids) {
    const returned = read.get(id);
    const whole = await explain(id);
    expect(whole.recordReadable, id).toBe(returned !== undefined);
    expect(whole.allowed, id).toBe(returned !== undefined);
    if (!returned) {
      expect(whole.readableFields).toEqual([]);
      continue;
    }
    readable += 1;
    expect(whole.readableFields.filter((f) => FIELDS.includes(f)).sort(), id).toEqual([...returned].sort());
    fieldSets.add([...returned].sort().join());
    for (const field of ['custodyStatus', 'updatedAt', 'religion']) {
      expect((await explain(id, field)).allowed, `${id}.${field}`).toBe(returned.has(field));
    }
  }
  return { readable, fieldSets: fieldSets.size };
}

/** Rows and per-field counts between two reads, as the preview reports them (fields that change only). */
function changeBetween(before: Read, after: Read) {
  const ids = new Set([...before.keys(), ...after.keys()]);
  const fieldChanges = FIELDS.filter((f) => !isStatutoryField('Prisoner', f)).map((field) => {
    let rowsGained = 0;
    let rowsLost = 0;
    for (const id of ids) {
      const was = before.get(id)?.has(field) ?? false;
      const is = after.get(id)?.has(field) ?? false;
      if (is && !was) rowsGained += 1;
      if (was && !is) rowsLost += 1;
    }
    return { field, rowsGained, rowsLost };
  }).filter((c) => c.rowsGained > 0 || c.rowsLost > 0);
  return {
    subject: 'Prisoner',
    rowsBefore: before.size,
    rowsAfter: after.size,
    rowsGained: [...after.keys()].filter((id) => !before.has(id)).length,
    rowsLost: [...before.keys()].filter((id) => !after.has(id)).length,
    fieldChanges,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('the preview and the explanations agree with the compiled read', () => {
  it('counts and explains what the analyst\'s reads return, before and after an amendment comes into force', async () => {
    // The amendment: VEP identity without the custody status, and a second Prisoner clause
    // granting bookkeeping fields on every prisoner on remand or recalled (VEP or not).
    const v1 = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    const admin = demoTokens.mouAdmin('PRISONS');
    const draft = ok(await api.amend(admin, v1));
    const identity = draft.clauses.find((c) => c.subject === 'Prisoner')!;
    ok(await api.updateClause(admin, identity.id, { fields: identity.fields.filter((f) => f !== 'custodyStatus') }));
    const amendment = ok(await api.addClause(admin, draft.id, {
      label: 'Bookkeeping of prisoners on remand or recalled', subject: 'Prisoner', fields: ['id', 'updatedAt', 'externalId', 'revision'],
      conditions: { custodyStatus: { $in: ['REMAND', 'RECALLED'] } }, purposes: ['COUNTER_TERRORISM'], recipientRoles: ['ANALYST'], maxTlp: 'AMBER',
      onwardDisclosure: 'NONE', retentionDays: 365, caseReferenceRequired: false,
    }));

    const impact = await gateway.graphql<any>(IMPACT, { token: admin, variables: { id: amendment.id } });
    expect(impact.body.errors).toBeUndefined();
    const audience = impact.body.data.mouImpact.audiences.find((a: any) => a.role === 'ANALYST' && a.purpose === 'COUNTER_TERRORISM');
    const preview = audience.subjects.find((s: any) => s.subject === 'Prisoner');

    const before = await analystRead();
    const some = async (where: string, n: number): Promise<string[]> => (await db.sql<{ id: string }>(
      `SELECT id FROM prisoner WHERE owner_agency_code = 'PRISONS' AND ${where} ORDER BY id LIMIT ${n}`)).map((r) => r.id);
    const CUSTODY = `custody_status IN ('REMAND', 'RECALLED')`;
    const sample = [
      ...await some(`vep_status <> 'NONE' AND ${CUSTODY}`, 6), ...await some(`vep_status <> 'NONE' AND NOT ${CUSTODY}`, 6),
      ...await some(`vep_status = 'NONE' AND ${CUSTODY}`, 4), ...await some(`vep_status = 'NONE' AND NOT ${CUSTODY}`, 2),
      ...await some(`tlp = 'RED'`, 2),
    ];
    expect((await expectExplanationsAgree(sample, before)).readable).toBeGreaterThan(0);

    // The amendment comes into force (it supersedes v1).
    ok(await api.submit(admin, draft.id));
    ok(await api.approve(demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), draft.id));
    expect(ok(await api.approve(demoTokens.mouAdmin('POLICE'), draft.id)).status).toBe('ACTIVE');
    const after = await analystRead();

    // The preview counted, for this audience, exactly the change between the two reads.
    const expected = changeBetween(before, after);
    expect(expected.rowsGained).toBeGreaterThan(0);
    expect(expected.fieldChanges.map((c) => c.field)).toEqual(expect.arrayContaining(['custodyStatus', 'updatedAt']));
    expect({ ...preview, fieldChanges: [...preview.fieldChanges].sort((x: any, y: any) => x.field.localeCompare(y.field)) })
      .toEqual({ ...expected, fieldChanges: [...expected.fieldChanges].sort((x, y) => x.field.localeCompare(y.field)) });

    // Explanations under the amended policy: readable records whose fields differ by row.
    const agreed = await expectExplanationsAgree(sample, after);
    expect(agreed.readable).toBeGreaterThan(0);
    expect(agreed.fieldSets).toBeGreaterThan(1);
  });
});
