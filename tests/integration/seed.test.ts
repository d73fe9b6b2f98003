import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';
import { generateDemoPopulation } from '../../src/seed/demo-population.js';
import { clearData, hasDemoData, seedDemoData, type SeedProgress } from '../../src/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The demo data set as its users rely on it (docs/architecture.md §2.6): the global setup seeded the
 * template database with `seedDemoData(ds, { now: new Date() })`; this file works on a clone.
 * Day counts are computed by PostgreSQL against CURRENT_DATE: the seed's release buckets keep
 * clear of the 0/90/180-day boundaries, so a run spanning midnight still holds.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const VEP = ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP'];

async function one<T>(sql: string, values?: unknown[]): Promise<T> {
  const rows = await db.sql(sql, values);
  return rows[0] as T;
}

const countsBy = async (sql: string): Promise<Record<string, number>> =>
  Object.fromEntries((await db.sql<{ key: string; n: number }>(sql)).map((r) => [r.key, r.n]));

describe('the demo data set', () => {
  it('has at least 200 prisoners owned by PRISONS in exactly 3 facilities', async () => {
    const { prisoners, facilities, owners } = await one<{ prisoners: number; facilities: number; owners: string[] }>(
      `SELECT count(*)::int AS prisoners, count(DISTINCT facility_id)::int AS facilities,
              array_agg(DISTINCT owner_agency_code) AS owners FROM prisoner`);
    expect(prisoners).toBeGreaterThanOrEqual(200);
    expect(facilities).toBe(3);
    expect(owners).toEqual(['PRISONS']);
    const rows = await db.sql<{ code: string; owner_agency_code: string }>('SELECT code, owner_agency_code FROM facility ORDER BY code');
    expect(rows.map((r) => r.code)).toEqual(['HMP-EASTFIELD', 'HMP-NORTHGATE', 'HMP-RIVERSIDE']);
    expect(new Set(rows.map((r) => r.owner_agency_code))).toEqual(new Set(['PRISONS']));
    const { distinct } = await one<{ distinct: number }>('SELECT count(DISTINCT prison_number)::int AS distinct FROM prisoner');
    expect(distinct).toBe(prisoners);
  });

  it('names prisoners in Arabic script with Latin transliteration variants', async () => {
    const { arabic, withVariants, total } = await one<{ arabic: number; withVariants: number; total: number }>(`
      SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM prisoner_name n WHERE n.prisoner_id = p.id AND n.script = 'ARABIC'))::int AS arabic,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM prisoner_name n WHERE n.prisoner_id = p.id AND n.script = 'ARABIC')
                              AND EXISTS (SELECT 1 FROM prisoner_name n WHERE n.prisoner_id = p.id AND n.kind = 'TRANSLITERATION' AND n.script = 'LATIN'))::int AS "withVariants",
             count(*)::int AS total
        FROM prisoner p`);
    expect(arabic / total).toBeGreaterThan(0.35);
    expect(withVariants).toBe(arabic);
    // The Arabic name really is in Arabic script, and full_name is the Latin primary name.
    const sample = await db.sql<{ value: string }>(`SELECT value FROM prisoner_name WHERE script = 'ARABIC' LIMIT 20`);
    for (const { value } of sample) expect(value).toMatch(/^[\u0600-\u06FF ]+$/);
    const mismatched = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM prisoner p
       WHERE NOT EXISTS (SELECT 1 FROM prisoner_name n WHERE n.prisoner_id = p.id AND n.kind = 'PRIMARY' AND n.script = 'LATIN' AND n.value = p.full_name)`);
    expect(mismatched.n).toBe(0);
    // A name search for one spelling can find the others: e.g. Mohammed / Muhammad / Mohamed.
    const spellings = await db.sql<{ value: string }>(
      `SELECT DISTINCT value FROM prisoner_name WHERE value ~ '^(Mohammed|Muhammad|Mohamed|Mohamad) ' AND kind IN ('PRIMARY','TRANSLITERATION')`);
    expect(new Set(spellings.map((s) => s.value.split(' ')[0])).size).toBeGreaterThanOrEqual(3);
  });

  it('mixes VEP statuses', async () => {
    const mix = await countsBy('SELECT vep_status AS key, count(*)::int AS n FROM prisoner GROUP BY 1');
    const total = Object.values(mix).reduce((a, b) => a + b, 0);
    for (const status of [...VEP, 'OF_CONCERN', 'NONE']) expect(mix[status] ?? 0, status).toBeGreaterThan(0);
    expect(mix.NONE! / total).toBeGreaterThan(0.5);
    expect(mix.TERRORISM_CONVICTION! / total).toBeGreaterThan(0.05);
  });

  it('has release dates within 90 days, between 90 and 180 days and years away — VEPs in each — and remand prisoners without one', async () => {
    const buckets = await db.sql<{ bucket: string; n: number; veps: number }>(`
      SELECT CASE WHEN expected_release_date IS NULL THEN 'remand'
                  WHEN expected_release_date - CURRENT_DATE BETWEEN 0 AND 90 THEN 'within90'
                  WHEN expected_release_date - CURRENT_DATE BETWEEN 91 AND 180 THEN 'within180'
                  WHEN expected_release_date - CURRENT_DATE > 365 THEN 'years'
                  ELSE 'other' END AS bucket,
             count(*)::int AS n,
             count(*) FILTER (WHERE vep_status = ANY($1))::int AS veps
        FROM prisoner GROUP BY 1`, [VEP]);
    const by = Object.fromEntries(buckets.map((b) => [b.bucket, b]));
    for (const bucket of ['within90', 'within180', 'years', 'remand']) {
      expect(by[bucket]?.n ?? 0, bucket).toBeGreaterThan(5);
      expect(by[bucket]?.veps ?? 0, `VEPs ${bucket}`).toBeGreaterThan(0);
    }
    // Remand prisoners have no release date and no release plan; everyone else has one plan
    // whose date equals the prisoner's.
    const custody = await one<{ remandWithDate: number; missingPlans: number; mismatched: number; remandPlans: number }>(`
      SELECT (SELECT count(*) FROM prisoner WHERE custody_status = 'REMAND' AND expected_release_date IS NOT NULL)::int AS "remandWithDate",
             (SELECT count(*) FROM prisoner p WHERE expected_release_date IS NOT NULL
                 AND (SELECT count(*) FROM release_plan r WHERE r.prisoner_id = p.id) <> 1)::int AS "missingPlans",
             (SELECT count(*) FROM prisoner p JOIN release_plan r ON r.prisoner_id = p.id
               WHERE r.expected_release_date IS DISTINCT FROM p.expected_release_date)::int AS mismatched,
             (SELECT count(*) FROM prisoner p JOIN release_plan r ON r.prisoner_id = p.id WHERE p.expected_release_date IS NULL)::int AS "remandPlans"`);
    expect(custody).toEqual({ remandWithDate: 0, missingPlans: 0, mismatched: 0, remandPlans: 0 });
  });

  it('gives release plans addresses, offices, 1–4 numbered licence conditions and services', async () => {
    const plans = await one<{ n: number; addresses: number; offices: number; services: number; emptyServices: number }>(`
      SELECT count(*)::int AS n, count(release_address)::int AS addresses,
             count(DISTINCT supervising_office)::int AS offices,
             count(*) FILTER (WHERE 'MENTORING' = ANY(post_release_services))::int AS services,
             count(*) FILTER (WHERE cardinality(post_release_services) = 0)::int AS "emptyServices"
        FROM release_plan`);
    expect(plans.addresses).toBe(plans.n);
    expect(plans.offices).toBeGreaterThanOrEqual(3);
    expect(plans.services).toBeGreaterThan(0);
    const conditions = await db.sql<{ n: number; positions: number[] }>(`
      SELECT count(*)::int AS n, array_agg(position ORDER BY position) AS positions
        FROM release_plan r JOIN licence_condition c ON c.release_plan_id = r.id GROUP BY r.id`);
    expect(conditions.length).toBe(plans.n);
    for (const { n, positions } of conditions) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
      expect(positions).toEqual([...Array(n).keys()]);
    }
  });

  it('has active, expired and withdrawn flags, stale ones, and RED and AMBER_STRICT markings on VEP flags', async () => {
    const statuses = await countsBy('SELECT status AS key, count(*)::int AS n FROM risk_flag GROUP BY 1');
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    const { prisoners } = await one<{ prisoners: number }>('SELECT count(*)::int AS prisoners FROM prisoner');
    expect(total / prisoners).toBeGreaterThan(3);
    expect(total / prisoners).toBeLessThan(5);
    expect(statuses.ACTIVE! / total).toBeGreaterThan(0.6);
    expect(statuses.EXPIRED ?? 0).toBeGreaterThan(0);
    expect(statuses.WITHDRAWN ?? 0).toBeGreaterThan(0);
    const showcases = await one<{ red: number; strict: number; stale: number; noBasis: number; future: number; fresh: number }>(`
      SELECT count(*) FILTER (WHERE f.status = 'ACTIVE' AND f.tlp = 'RED' AND p.vep_status = ANY($1))::int AS red,
             count(*) FILTER (WHERE f.status = 'ACTIVE' AND f.tlp = 'AMBER_STRICT' AND p.vep_status = ANY($1))::int AS strict,
             count(*) FILTER (WHERE f.status = 'ACTIVE' AND f.review_date < CURRENT_DATE)::int AS stale,
             count(*) FILTER (WHERE f.basis IS NULL OR f.summary IS NULL)::int AS "noBasis",
             count(*) FILTER (WHERE f.raised_at > now())::int AS future,
             count(*) FILTER (WHERE f.raised_at > now() - interval '3 years' - interval '1 day')::int AS fresh
        FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id`, [VEP]);
    expect(showcases.red).toBeGreaterThan(0);
    expect(showcases.strict).toBeGreaterThan(0);
    expect(showcases.stale).toBeGreaterThan(0);
    expect(showcases.noBasis).toBe(0);
    expect(showcases.future).toBe(0);
    expect(showcases.fresh).toBe(total);
    // Every VEP the police MoU covers has an active flag the police may see (TLP ≤ AMBER).
    const uncovered = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM prisoner p WHERE p.vep_status = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM risk_flag f WHERE f.prisoner_id = p.id AND f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER'))`, [VEP]);
    expect(uncovered.n).toBe(0);
    // Timestamps keep milliseconds (policy comparisons in memory and in SQL agree).
    const { withMs } = await one<{ withMs: number }>(
      `SELECT count(*) FILTER (WHERE extract(milliseconds FROM raised_at)::numeric % 1000 <> 0)::int AS "withMs" FROM risk_flag`);
    expect(withMs).toBeGreaterThan(0);
  });

  it('has about two assessments per prisoner with domains, a shareable summary and a confidential narrative', async () => {
    const a = await one<{ n: number; prisoners: number; missingText: number; future: number; vera: number; erg: number; badDomains: number }>(`
      SELECT count(*)::int AS n, (SELECT count(*) FROM prisoner)::int AS prisoners,
             count(*) FILTER (WHERE shareable_summary IS NULL OR narrative IS NULL OR next_review_date IS NULL)::int AS "missingText",
             count(*) FILTER (WHERE assessed_at > now())::int AS future,
             count(*) FILTER (WHERE tool = 'VERA-2R' AND tool_version = '2' AND jsonb_array_length(domains) = 5)::int AS vera,
             count(*) FILTER (WHERE tool = 'ERG22+' AND jsonb_array_length(domains) = 3)::int AS erg,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(domains) d
                                            WHERE NOT (d ? 'code' AND d ? 'rating')))::int AS "badDomains"
        FROM risk_assessment`);
    expect(a.n / a.prisoners).toBeGreaterThan(1.5);
    expect(a.missingText).toBe(0);
    expect(a.future).toBe(0);
    expect(a.vera).toBeGreaterThan(0);
    expect(a.erg).toBeGreaterThan(0);
    expect(a.vera + a.erg).toBe(a.n);
    expect(a.badDomains).toBe(0);
  });

  it('classifies every prisoner once, with a placement approach for VEPs', async () => {
    const c = await one<{ prisoners: number; classified: number; vepsWithPlacement: number; veps: number }>(`
      SELECT (SELECT count(*) FROM prisoner)::int AS prisoners,
             (SELECT count(DISTINCT prisoner_id) FROM classification)::int AS classified,
             (SELECT count(*) FROM classification c JOIN prisoner p ON p.id = c.prisoner_id
               WHERE p.vep_status = ANY($1) AND c.placement_approach IS NOT NULL)::int AS "vepsWithPlacement",
             (SELECT count(*) FROM prisoner WHERE vep_status = ANY($1))::int AS veps`, [VEP]);
    expect(c.classified).toBe(c.prisoners);
    expect(c.vepsWithPlacement).toBe(c.veps);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM classification')).n).toBe(c.prisoners);
  });

  it('has interventions with confidential session notes', async () => {
    const i = await one<{ n: number; notes: number; referredWithStart: number }>(`
      SELECT count(*)::int AS n, count(session_notes)::int AS notes,
             count(*) FILTER (WHERE status = 'REFERRED' AND started_on IS NOT NULL)::int AS "referredWithStart"
        FROM intervention`);
    expect(i.n).toBeGreaterThan(0);
    expect(i.notes).toBe(i.n);
    expect(i.referredWithStart).toBe(0);
  });

  it('has police intelligence reports about VEPs, handling codes P and C, some RED', async () => {
    const r = await one<{ n: number; police: number; p: number; c: number; red: number; sourced: number; europol: number; pAboutVep: number; cAboutVep: number; unsubjected: number }>(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE owner_agency_code = 'POLICE')::int AS police,
             count(*) FILTER (WHERE grading_scheme = 'UK_3X5X2' AND handling_code = 'P')::int AS p,
             count(*) FILTER (WHERE grading_scheme = 'UK_3X5X2' AND handling_code = 'C')::int AS c,
             count(*) FILTER (WHERE tlp = 'RED')::int AS red,
             count(source_reference)::int AS sourced,
             count(*) FILTER (WHERE grading_scheme = 'EUROPOL')::int AS europol,
             count(*) FILTER (WHERE handling_code = 'P' AND EXISTS (
               SELECT 1 FROM intelligence_report_subject s JOIN prisoner x ON x.id = s.prisoner_id
                WHERE s.report_id = r.id AND x.vep_status = ANY($1)))::int AS "pAboutVep",
             count(*) FILTER (WHERE handling_code = 'C' AND EXISTS (
               SELECT 1 FROM intelligence_report_subject s JOIN prisoner x ON x.id = s.prisoner_id
                WHERE s.report_id = r.id AND x.vep_status = ANY($1)))::int AS "cAboutVep",
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM intelligence_report_subject s WHERE s.report_id = r.id))::int AS unsubjected
        FROM intelligence_report r`, [VEP]);
    expect(r.n).toBeGreaterThanOrEqual(60);
    expect(r.police).toBe(r.n);
    expect(r.p).toBeGreaterThan(r.c);
    expect(r.c).toBeGreaterThan(0);
    expect(r.red).toBeGreaterThan(0);
    expect(r.sourced).toBe(r.n);
    expect(r.europol).toBeGreaterThan(0);
    expect(r.pAboutVep).toBeGreaterThan(0);
    expect(r.cAboutVep).toBeGreaterThan(0);
    expect(r.unsubjected).toBe(0);
    const redP = await one<{ n: number }>(`SELECT count(*)::int AS n FROM intelligence_report WHERE handling_code = 'P' AND tlp = 'RED'`);
    expect(redP.n).toBeGreaterThan(0);
  });

  it('has some RED-marked prisoners, among VEPs and among those due for release', async () => {
    const t = await one<{ red: number; vepRed: number; dueRed: number; total: number; redPlansDue: number }>(`
      SELECT count(*) FILTER (WHERE tlp = 'RED')::int AS red,
             count(*) FILTER (WHERE tlp = 'RED' AND vep_status = ANY($1))::int AS "vepRed",
             count(*) FILTER (WHERE tlp = 'RED' AND expected_release_date BETWEEN CURRENT_DATE AND CURRENT_DATE + 180)::int AS "dueRed",
             count(*)::int AS total,
             (SELECT count(*) FROM release_plan WHERE tlp = 'RED' AND expected_release_date BETWEEN CURRENT_DATE AND CURRENT_DATE + 180)::int AS "redPlansDue"
        FROM prisoner`, [VEP]);
    expect(t.red).toBeGreaterThan(0);
    expect(t.red / t.total).toBeLessThan(0.1);
    expect(t.vepRed).toBeGreaterThan(0);
    expect(t.dueRed).toBeGreaterThan(0);
    expect(t.redPlansDue).toBeGreaterThan(0);
  });

  it('fills statutory fields for most prisoners, so a leak would show', async () => {
    const s = await one<{ total: number; religion: number; ethnicity: number; health: number; dependants: number; nationalId: number }>(`
      SELECT count(*)::int AS total, count(religion)::int AS religion, count(ethnicity)::int AS ethnicity,
             count(health_notes)::int AS health, count(dependants)::int AS dependants, count(national_id)::int AS "nationalId"
        FROM prisoner`);
    for (const field of ['religion', 'ethnicity', 'health', 'dependants', 'nationalId'] as const) {
      expect(s[field] / s.total, field).toBeGreaterThan(0.7);
    }
    const { synthetic } = await one<{ synthetic: number }>(
      `SELECT count(*) FILTER (WHERE health_notes LIKE '[SYNTHETIC]%')::int AS synthetic FROM prisoner`);
    expect(synthetic).toBe(s.health);
  });

  it('has the three demo MoUs ACTIVE, version 1, each approved by both parties', async () => {
    const mous = await db.sql<{ reference: string; version: number; status: string; created_by: string; provider: string; recipient: string; clauses: number; approvers: string[] }>(`
      SELECT m.reference, m.version, m.status, m.created_by, m.provider_agency_code AS provider, m.recipient_agency_code AS recipient,
             (SELECT count(*) FROM mou_clause c WHERE c.mou_id = m.id)::int AS clauses,
             (SELECT array_agg(a.agency_code || ':' || a.user_id ORDER BY a.agency_code) FROM mou_approval a WHERE a.mou_id = m.id) AS approvers
        FROM mou m ORDER BY m.reference`);
    expect(mous.map((m) => m.reference)).toEqual(DEMO_MOUS.map((m) => m.reference).sort());
    for (const mou of mous) {
      const document = DEMO_MOUS.find((d) => d.reference === mou.reference)!;
      expect(mou).toMatchObject({ version: 1, status: 'ACTIVE', created_by: 'seed', provider: document.provider, recipient: document.recipient });
      expect(mou.clauses).toBe(document.clauses.length);
      expect(mou.approvers).toEqual(
        [document.provider, document.recipient].sort().map((agency) => `${agency}:seed-admin-${agency}`));
    }
    // Clauses round-trip: positions, text[] columns, jsonb conditions.
    const clauses = await db.sql<{ reference: string; position: number; subject_type: string; fields: string[]; conditions: unknown; purposes: string[]; recipient_roles: string[]; max_tlp: string; case_reference_required: boolean; retention_days: number }>(`
      SELECT m.reference, c.position, c.subject_type, c.fields, c.conditions, c.purposes, c.recipient_roles,
             c.max_tlp, c.case_reference_required, c.retention_days
        FROM mou_clause c JOIN mou m ON m.id = c.mou_id ORDER BY m.reference, c.position`);
    for (const clause of clauses) {
      const document = DEMO_MOUS.find((d) => d.reference === clause.reference)!.clauses[clause.position]!;
      expect(clause).toMatchObject({
        subject_type: document.subject,
        fields: document.fields,
        conditions: document.conditions ?? null,
        purposes: document.purposes,
        recipient_roles: document.recipientRoles,
        max_tlp: document.maxTlp,
        case_reference_required: document.caseReferenceRequired,
        retention_days: document.retentionDays,
      });
    }
    const agencies = await db.sql<{ code: string; roles: string[] }>(
      `SELECT a.code, array_agg(r.role ORDER BY r.role) AS roles FROM agency a JOIN agency_role r ON r.agency_code = a.code GROUP BY a.code ORDER BY a.code`);
    expect(agencies.map((a) => a.code)).toEqual(['INSPECTORATE', 'POLICE', 'PRISONS', 'PROBATION']);
    expect(agencies.find((a) => a.code === 'POLICE')!.roles).toEqual(['ANALYST', 'MOU_ADMIN', 'OFFICER']);
  });

  it('is deterministic: the same seed gives the same ids, whatever the date', async () => {
    const a = generateDemoPopulation({ prisoners: 240, now: new Date('2026-01-15T09:00:00.000Z') });
    const b = generateDemoPopulation({ prisoners: 240, now: new Date('2031-07-01T23:59:59.999Z') });
    const ids = (p: typeof a): string[] => [
      ...p.facilities, ...p.prisoners, ...p.riskFlags, ...p.riskAssessments, ...p.releasePlans, ...p.intelligenceReports,
    ].map((row) => row.id);
    expect(ids(b)).toEqual(ids(a));
    expect(b.prisoners.map((p) => p.full_name)).toEqual(a.prisoners.map((p) => p.full_name));
    const other = generateDemoPopulation({ prisoners: 240, now: new Date('2026-01-15T09:00:00.000Z'), seed: 7 });
    expect(other.prisoners[0]!.id).not.toBe(a.prisoners[0]!.id);
    for (const id of ids(a).slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // And the seeded database holds exactly these ids (the global setup used the default seed).
    const seeded = await db.sql<{ id: string }>('SELECT id FROM prisoner');
    expect(new Set(seeded.map((r) => r.id))).toEqual(new Set(a.prisoners.map((p) => p.id)));
  });

  it('refuses to seed a database that already holds agencies', async () => {
    expect(await hasDemoData(db.dataSource)).toBe(true);
    await expect(seedDemoData(db.dataSource, { now: new Date() })).rejects.toThrow(/already holds 4 agencies/);
    const { n } = await one<{ n: number }>('SELECT count(*)::int AS n FROM prisoner');
    expect(n).toBe(240);
  });

  it('replaces existing data in one transaction: a reseed that fails leaves the old data in place', async () => {
    const { before } = await one<{ before: number }>('SELECT count(*)::int AS before FROM prisoner');
    await expect(seedDemoData(db.dataSource, { now: new Date('invalid'), replaceExisting: true })).rejects.toThrow(/invalid Date/);
    // Fail inside the transaction, after the old data was cleared: a unique-key clash on the MoUs.
    await db.sql(`CREATE FUNCTION refuse_mou() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await db.sql(`CREATE TRIGGER refuse_mou BEFORE INSERT ON mou FOR EACH STATEMENT EXECUTE FUNCTION refuse_mou()`);
    try {
      await expect(seedDemoData(db.dataSource, { now: new Date(), prisoners: 50, replaceExisting: true })).rejects.toThrow(/refused/);
    } finally {
      await db.sql('DROP TRIGGER refuse_mou ON mou');
      await db.sql('DROP FUNCTION refuse_mou()');
    }
    const { after } = await one<{ after: number }>('SELECT count(*)::int AS after FROM prisoner');
    expect(after).toBe(before);
    expect(await hasDemoData(db.dataSource)).toBe(true);
  });

  it('adds benchmark agencies and MoUs at scale, every clause valid, the demo MoUs untouched', async () => {
    const summary = await seedDemoData(db.dataSource, { now: new Date(), prisoners: 300, agencies: 30, mous: 60, replaceExisting: true });
    expect(summary).toMatchObject({ agencies: 30, mous: 60 });
    expect(summary.clauses).toBeGreaterThanOrEqual(290);
    const counts = await one<{ agencies: number; mous: number; clauses: number; demo: number; recipients: number }>(`
      SELECT (SELECT count(*) FROM agency)::int AS agencies, (SELECT count(*) FROM mou WHERE status = 'ACTIVE')::int AS mous,
             (SELECT count(*) FROM mou_clause)::int AS clauses,
             (SELECT count(*) FROM mou WHERE reference IN ('MOU-PRISONS-POLICE-01','MOU-PRISONS-PROBATION-01','MOU-POLICE-PRISONS-01'))::int AS demo,
             (SELECT count(DISTINCT recipient_agency_code) FROM mou)::int AS recipients`);
    expect(counts).toEqual({ agencies: 30, mous: 60, clauses: summary.clauses, demo: 3, recipients: 29 });
    // Every clause's recipient roles exist in its recipient agency.
    const { orphans } = await one<{ orphans: number }>(`
      SELECT count(*)::int AS orphans FROM mou_clause c JOIN mou m ON m.id = c.mou_id, unnest(c.recipient_roles) AS r(role)
       WHERE NOT EXISTS (SELECT 1 FROM agency_role ar WHERE ar.agency_code = m.recipient_agency_code AND ar.role = r.role)`);
    expect(orphans).toBe(0);
  });

  it('clears and reseeds at another size, reporting progress', async () => {
    const { before } = await one<{ before: string }>('SELECT revision::text AS before FROM policy_state');
    await clearData(db.dataSource);
    expect(await hasDemoData(db.dataSource)).toBe(false);
    const { left } = await one<{ left: number }>(`
      SELECT ((SELECT count(*) FROM prisoner) + (SELECT count(*) FROM risk_flag) + (SELECT count(*) FROM mou)
              + (SELECT count(*) FROM agency) + (SELECT count(*) FROM intelligence_report))::int AS left`);
    expect(left).toBe(0);
    // The policy revision survives (and moves: gateways drop abilities built on the old MoUs).
    const { after } = await one<{ after: string }>('SELECT revision::text AS after FROM policy_state');
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));

    const progress: SeedProgress[] = [];
    const summary = await seedDemoData(db.dataSource, { now: new Date(), prisoners: 2000, onProgress: (p) => progress.push(p) });
    expect(summary).toMatchObject({ agencies: 4, prisoners: 2000, mous: 3, clauses: 9 });
    expect(summary.riskFlags).toBeGreaterThan(6000);
    expect(summary.intelligenceReports).toBeGreaterThanOrEqual(600);
    expect(summary.durationMs).toBeGreaterThan(0);

    const counts = await one<{ prisoners: number; flags: number; reports: number; plans: number }>(`
      SELECT (SELECT count(*) FROM prisoner)::int AS prisoners, (SELECT count(*) FROM risk_flag)::int AS flags,
             (SELECT count(*) FROM intelligence_report)::int AS reports, (SELECT count(*) FROM release_plan)::int AS plans`);
    expect(counts).toEqual({ prisoners: 2000, flags: summary.riskFlags, reports: summary.intelligenceReports, plans: summary.releasePlans });

    expect(progress.length).toBeGreaterThan(10);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThan(progress[i - 1]!.done);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(new Set(progress.map((p) => p.stage))).toContain('prisoner');
  });
});
