import type { DataSource, EntityManager } from 'typeorm';
import type { MouStatus, OnwardDisclosure, Purpose, Tlp } from '../domain/enums.js';
import { clauseShapeProblems } from '../policies/compile-clause.js';
import { bulkInsert, type SqlExecutor, type TableDefinition } from './bulk-insert.js';
import { DEMO_AGENCIES, type AgencyDefinition } from './demo-agencies.js';
import { DEMO_MOUS, type MouDocument } from './demo-mous.js';
import {
  DEFAULT_DEMO_PRISONERS, DEFAULT_DEMO_SEED, generateDemoPopulation,
  type ClassificationRow, type DemoPopulation, type FacilityRow, type IntelligenceReportRow,
  type IntelligenceReportSubjectRow, type InterventionRow, type LicenceConditionRow, type PrisonerNameRow,
  type PrisonerRow, type ReleasePlanRow, type RiskAssessmentRow, type RiskFlagRow,
} from './demo-population.js';
import { writeNameKeys, type PrisonerNames } from '../names/store/name-key-store.js';
import { createRandom } from './random.js';
import { readProductionMark } from '../reference-data/reference-store.js';
import { scaleSet } from './scale-agencies.js';

/**
 * Loads the demo data set (docs/architecture.md §2.6): the four agencies and their roles, the
 * synthetic prisoner population and the three ACTIVE MoUs, approved by both parties — in one
 * transaction, so a failed or interrupted seed leaves the database as it was.
 */

export interface SeedProgress {
  stage: string;
  done: number;
  total: number;
}

export interface SeedSummary {
  agencies: number;
  prisoners: number;
  riskFlags: number;
  riskAssessments: number;
  releasePlans: number;
  interventions: number;
  intelligenceReports: number;
  mous: number;
  clauses: number;
  durationMs: number;
}

export interface SeedOptions {
  /** Every date of the data set is relative to this instant. */
  now: Date;
  /** Size of the population (default 240). */
  prisoners?: number;
  /** PRNG seed: the same seed gives the same ids (default DEFAULT_DEMO_SEED). */
  seed?: number;
  /** Called after each batch of rows is written; `done` only grows, up to `total` rows. */
  onProgress?: (progress: SeedProgress) => void;
  /**
   * Replace existing data (`liaison seed --reset`): cleared in the same transaction as the new
   * data is loaded, so a failed reseed leaves the old data in place rather than an empty database.
   */
  replaceExisting?: boolean;
  /** Total agencies (≥ 4, default 4): more add benchmark agencies beside the demo's. */
  agencies?: number;
  /** Total MoUs (≥ 3, default 3): more add benchmark MoUs of five clauses each. */
  mous?: number;
}

// ---------------------------------------------------------------------------------------------
// Table definitions: column names and types exactly as in the GatewayCore migration.
// ---------------------------------------------------------------------------------------------

interface AgencyRow { code: string; name: string; kind: string }
interface AgencyRoleRow { agency_code: string; role: string; description: string | null }
interface MouRow {
  id: string; reference: string; version: number; title: string; provider_agency_code: string;
  recipient_agency_code: string; legal_basis: string; purposes: Purpose[]; valid_from: string;
  valid_until: string | null; status: MouStatus; created_by: string;
}
interface MouClauseRow {
  id: string; mou_id: string; position: number; label: string; subject_type: string; fields: string[];
  conditions: Record<string, unknown> | null; purposes: Purpose[]; recipient_roles: string[];
  max_tlp: Tlp; onward_disclosure: OnwardDisclosure; retention_days: number; case_reference_required: boolean;
  daily_record_quota: number | null;
}
interface MouApprovalRow { id: string; mou_id: string; agency_code: string; user_id: string }

const HANDLING = { tlp: 'text', handling_code: 'text', onward_disclosure: 'text' } as const;

const AGENCY: TableDefinition<AgencyRow> = { name: 'agency', columns: { code: 'text', name: 'text', kind: 'text' } };
const AGENCY_ROLE: TableDefinition<AgencyRoleRow> = {
  name: 'agency_role', columns: { agency_code: 'text', role: 'text', description: 'text' },
};
const FACILITY: TableDefinition<FacilityRow> = {
  name: 'facility', columns: { id: 'uuid', owner_agency_code: 'text', code: 'text', name: 'text', security_level: 'text' },
};
const PRISONER: TableDefinition<PrisonerRow> = {
  name: 'prisoner',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prison_number: 'text', national_id: 'text', full_name: 'text',
    date_of_birth: 'date', gender: 'text', nationality: 'text', facility_id: 'uuid', custody_status: 'text',
    vep_status: 'text', expected_release_date: 'date', religion: 'text', ethnicity: 'text',
    health_notes: 'text', dependants: 'text', ...HANDLING,
  },
};
const PRISONER_NAME: TableDefinition<PrisonerNameRow> = {
  name: 'prisoner_name', columns: { id: 'uuid', prisoner_id: 'uuid', value: 'text', script: 'text', kind: 'text' },
};
const CLASSIFICATION: TableDefinition<ClassificationRow> = {
  name: 'classification',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prisoner_id: 'uuid', security_category: 'text',
    placement_approach: 'text', decided_on: 'date', review_date: 'date', ...HANDLING,
  },
};
const RISK_FLAG: TableDefinition<RiskFlagRow> = {
  name: 'risk_flag',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prisoner_id: 'uuid', category: 'text', severity: 'text',
    status: 'text', basis: 'text', summary: 'text', raised_at: 'timestamptz', review_date: 'date', ...HANDLING,
    created_at: 'timestamptz', updated_at: 'timestamptz',
  },
};
const RISK_ASSESSMENT: TableDefinition<RiskAssessmentRow> = {
  name: 'risk_assessment',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prisoner_id: 'uuid', tool: 'text', tool_version: 'text',
    assessor: 'text', assessed_at: 'timestamptz', overall_level: 'text', domains: 'jsonb',
    shareable_summary: 'text', narrative: 'text', next_review_date: 'date', ...HANDLING,
  },
};
const RELEASE_PLAN: TableDefinition<ReleasePlanRow> = {
  name: 'release_plan',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prisoner_id: 'uuid', expected_release_date: 'date',
    release_type: 'text', release_address: 'text', supervising_office: 'text', post_release_services: 'text[]',
    ...HANDLING,
  },
};
const LICENCE_CONDITION: TableDefinition<LicenceConditionRow> = {
  name: 'licence_condition',
  columns: { id: 'uuid', release_plan_id: 'uuid', position: 'integer', type: 'text', details: 'text' },
};
const INTERVENTION: TableDefinition<InterventionRow> = {
  name: 'intervention',
  columns: {
    id: 'uuid', owner_agency_code: 'text', prisoner_id: 'uuid', programme: 'text', kind: 'text', status: 'text',
    started_on: 'date', ended_on: 'date', session_notes: 'text', ...HANDLING,
  },
};
const INTELLIGENCE_REPORT: TableDefinition<IntelligenceReportRow> = {
  name: 'intelligence_report',
  columns: {
    id: 'uuid', owner_agency_code: 'text', grading_scheme: 'text', source_evaluation: 'text',
    intelligence_assessment: 'text', sanitised_text: 'text', source_reference: 'text', priority: 'text',
    ...HANDLING, created_at: 'timestamptz',
  },
};
const INTELLIGENCE_REPORT_SUBJECT: TableDefinition<IntelligenceReportSubjectRow> = {
  name: 'intelligence_report_subject', columns: { report_id: 'uuid', prisoner_id: 'uuid' },
};
const MOU: TableDefinition<MouRow> = {
  name: 'mou',
  columns: {
    id: 'uuid', reference: 'text', version: 'integer', title: 'text', provider_agency_code: 'text',
    recipient_agency_code: 'text', legal_basis: 'text', purposes: 'text[]', valid_from: 'timestamptz',
    valid_until: 'timestamptz', status: 'text', created_by: 'text',
  },
};
const MOU_CLAUSE: TableDefinition<MouClauseRow> = {
  name: 'mou_clause',
  columns: {
    id: 'uuid', mou_id: 'uuid', position: 'integer', label: 'text', subject_type: 'text', fields: 'text[]',
    conditions: 'jsonb', purposes: 'text[]', recipient_roles: 'text[]', max_tlp: 'text',
    onward_disclosure: 'text', retention_days: 'integer', case_reference_required: 'boolean',
    daily_record_quota: 'integer',
  },
};
const MOU_APPROVAL: TableDefinition<MouApprovalRow> = {
  name: 'mou_approval', columns: { id: 'uuid', mou_id: 'uuid', agency_code: 'text', user_id: 'text' },
};

/**
 * Every table the GatewayCore migration creates that holds domain data, i.e. everything but
 * `policy_state` (the policy revision counter must survive a reset), and the issuers of the
 * reference data (which name agencies). `clearData` empties exactly these: audit tables that
 * later migrations add are never ours to touch.
 */
export const GATEWAY_CORE_DATA_TABLES = [
  'agency', 'agency_role', 'trusted_issuer', 'facility', 'prisoner', 'prisoner_name', 'classification', 'risk_flag',
  'risk_assessment', 'release_plan', 'licence_condition', 'intervention', 'intelligence_report',
  'intelligence_report_subject', 'mou', 'mou_clause', 'mou_approval',
  // The names' matching keys and part forms (NameMatching migration): derived from the names, cleared with them.
  'prisoner_name_key', 'name_part_form',
] as const;

/** Serialises seeders of one database (two gateway processes starting on an empty database). */
const SEED_LOCK = 7_324_902;

// ---------------------------------------------------------------------------------------------
// MoUs: the signed documents of DEMO_MOUS as rows.
// ---------------------------------------------------------------------------------------------

interface MouRows {
  mous: MouRow[];
  clauses: MouClauseRow[];
  approvals: MouApprovalRow[];
}

/**
 * Checks a demo MoU as the MoU service checks a draft, so the seed can never install a
 * clause the gateway would refuse (e.g. one naming a statutory exclusion).
 */
function assertValidMou(mou: MouDocument, agencies: readonly AgencyDefinition[], now: Date): void {
  const recipientRoles = new Set(agencies.find((a) => a.code === mou.recipient)?.roles.map((r) => r.role) ?? []);
  const problems: string[] = [];
  if (!agencies.some((a) => a.code === mou.provider)) problems.push(`unknown provider ${mou.provider}`);
  if (recipientRoles.size === 0) problems.push(`unknown recipient ${mou.recipient}`);
  mou.clauses.forEach((clause, position) => {
    const where = `clause ${position} "${clause.label}"`;
    for (const problem of clauseShapeProblems({ subjectType: clause.subject, fields: clause.fields, conditions: clause.conditions ?? null }, now)) {
      problems.push(`${where}: ${problem.path}: ${problem.message}`);
    }
    for (const purpose of clause.purposes) {
      if (!mou.purposes.includes(purpose)) problems.push(`${where}: purpose ${purpose} is not one of the MoU's purposes`);
    }
    for (const role of clause.recipientRoles) {
      if (!recipientRoles.has(role)) problems.push(`${where}: ${mou.recipient} has no role ${role}`);
    }
  });
  if (problems.length > 0) throw new Error(`Demo MoU ${mou.reference} v${mou.version} is invalid:\n  ${problems.join('\n  ')}`);
}

function mouRows(seed: number, documents: readonly MouDocument[]): MouRows {
  // Its own stream, so MoU ids are stable whatever the population size.
  const rng = createRandom(seed ^ 0x6d6f75);
  const rows: MouRows = { mous: [], clauses: [], approvals: [] };
  for (const document of documents) {
    const mouId = rng.uuid();
    rows.mous.push({
      id: mouId,
      reference: document.reference,
      version: document.version,
      title: document.title,
      provider_agency_code: document.provider,
      recipient_agency_code: document.recipient,
      legal_basis: document.legalBasis,
      purposes: [...document.purposes],
      valid_from: document.validFrom,
      valid_until: document.validUntil,
      status: 'ACTIVE',
      created_by: 'seed',
    });
    document.clauses.forEach((clause, position) => {
      rows.clauses.push({
        id: rng.uuid(),
        mou_id: mouId,
        position,
        label: clause.label,
        subject_type: clause.subject,
        fields: [...clause.fields],
        conditions: clause.conditions ?? null,
        purposes: [...clause.purposes],
        recipient_roles: [...clause.recipientRoles],
        max_tlp: clause.maxTlp,
        onward_disclosure: clause.onwardDisclosure,
        retention_days: clause.retentionDays,
        case_reference_required: clause.caseReferenceRequired,
        daily_record_quota: clause.dailyRecordQuota ?? null,
      });
    });
    // Both parties sign (an MoU binds once both parties have signed).
    for (const agency of [document.provider, document.recipient]) {
      rows.approvals.push({ id: rng.uuid(), mou_id: mouId, agency_code: agency, user_id: `seed-admin-${agency}` });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Public operations.
// ---------------------------------------------------------------------------------------------

/** Whether the database already holds agencies (then it has been seeded or is in use). */
export async function hasDemoData(dataSource: DataSource): Promise<boolean> {
  const rows = (await dataSource.query('SELECT EXISTS (SELECT 1 FROM agency) AS present')) as { present: boolean }[];
  return rows[0]?.present === true;
}

interface Load {
  stage: string;
  write: (db: SqlExecutor, onChunk: (inserted: number) => void) => Promise<number>;
  rows: number;
}

const load = <Row extends object>(table: TableDefinition<Row>, rows: readonly Row[]): Load => ({
  stage: table.name,
  rows: rows.length,
  write: (db, onChunk) => bulkInsert(db, table, rows, { onChunk }),
});

/** Each prisoner's names, as the name-key store takes them. */
function namesOf(population: DemoPopulation): PrisonerNames[] {
  const byPrisoner = new Map<string, PrisonerNames>();
  for (const p of population.prisoners) byPrisoner.set(p.id, { prisonerId: p.id, fullName: p.full_name, names: [] });
  for (const n of population.prisonerNames) {
    (byPrisoner.get(n.prisoner_id)!.names as PrisonerNames['names'][number][]).push({ id: n.id, value: n.value, script: n.script, kind: n.kind });
  }
  return [...byPrisoner.values()];
}

/** The tables to fill, parents before children. */
function loadPlan(population: DemoPopulation, mous: MouRows, agencyDefinitions: readonly AgencyDefinition[]): Load[] {
  const agencies: AgencyRow[] = agencyDefinitions.map(({ code, name, kind }) => ({ code, name, kind }));
  const roles: AgencyRoleRow[] = agencyDefinitions.flatMap((a) =>
    a.roles.map(({ role, description }) => ({ agency_code: a.code, role, description })));
  return [
    load(AGENCY, agencies),
    load(AGENCY_ROLE, roles),
    load(FACILITY, population.facilities),
    load(PRISONER, population.prisoners),
    load(PRISONER_NAME, population.prisonerNames),
    {
      // Through the one writer of name keys, as every other writer of names.
      stage: 'prisoner_name_key',
      rows: population.prisoners.length + population.prisonerNames.length,
      write: (db, onChunk) => writeNameKeys(db, namesOf(population), { fresh: true, onChunk }),
    },
    load(CLASSIFICATION, population.classifications),
    load(RISK_FLAG, population.riskFlags),
    load(RISK_ASSESSMENT, population.riskAssessments),
    load(RELEASE_PLAN, population.releasePlans),
    load(LICENCE_CONDITION, population.licenceConditions),
    load(INTERVENTION, population.interventions),
    load(INTELLIGENCE_REPORT, population.intelligenceReports),
    load(INTELLIGENCE_REPORT_SUBJECT, population.intelligenceReportSubjects),
    load(MOU, mous.mous),
    load(MOU_CLAUSE, mous.clauses),
    load(MOU_APPROVAL, mous.approvals),
  ];
}

/**
 * Seeds an empty, migrated database with the demo data set. Refuses (throws) when the
 * database already holds agencies: reseeding goes through `clearData` first, deliberately.
 */
export async function seedDemoData(dataSource: DataSource, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const prisoners = options.prisoners ?? DEFAULT_DEMO_PRISONERS;
  if (Number.isNaN(options.now.getTime())) throw new Error('seedDemoData: options.now is an invalid Date');

  const scale = scaleSet(options.agencies ?? DEMO_AGENCIES.length, options.mous ?? DEMO_MOUS.length, seed);
  const agencies = [...DEMO_AGENCIES, ...scale.agencies];
  const documents = [...DEMO_MOUS, ...scale.mous];
  for (const mou of documents) assertValidMou(mou, agencies, options.now);
  // Generated before the transaction opens: the database is not kept waiting on JavaScript.
  const population = generateDemoPopulation({ prisoners, now: options.now, seed });
  const mous = mouRows(seed, documents);
  const plan = loadPlan(population, mous, agencies);
  const total = plan.reduce((sum, step) => sum + step.rows, 0);

  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [schema] = (await manager.query(`SELECT to_regclass('agency') IS NOT NULL AS migrated`)) as { migrated: boolean }[];
    if (!schema?.migrated) {
      throw new Error('Cannot seed the demo data: the database has no Liaison schema. Run `liaison migrate` first.');
    }
    await refuseProductionDatabase(manager);
    const [existing] = (await manager.query('SELECT count(*)::int AS agencies FROM agency')) as { agencies: number }[];
    if ((existing?.agencies ?? 0) > 0 && options.replaceExisting) {
      await clearTables(manager);
    } else if ((existing?.agencies ?? 0) > 0) {
      throw new Error(
        `Refusing to seed the demo data: the database already holds ${existing!.agencies} agencies. `
        + 'Seeding is only for an empty database; use `liaison seed --reset` to clear it and seed again.',
      );
    }
    // A bulk load is not an API request: the pool's per-statement limit (sized for requests)
    // must not cut a large seed short on a busy machine. SET LOCAL ends with the transaction.
    await manager.query(`SET LOCAL statement_timeout = '300s'`);

    let done = 0;
    for (const step of plan) {
      if (step.rows === 0) continue;
      await step.write(manager, (inserted) => {
        done += inserted;
        options.onProgress?.({ stage: step.stage, done, total });
      });
    }
  });

  return {
    agencies: agencies.length,
    prisoners: population.prisoners.length,
    riskFlags: population.riskFlags.length,
    riskAssessments: population.riskAssessments.length,
    releasePlans: population.releasePlans.length,
    interventions: population.interventions.length,
    intelligenceReports: population.intelligenceReports.length,
    mous: mous.mous.length,
    clauses: mous.clauses.length,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Empties every GatewayCore data table — agencies, MoUs and all records — so the demo can be
 * seeded again (`liaison seed --reset`). Deliberately no CASCADE: CASCADE would also empty any
 * table a later migration adds with a foreign key to these (an audit log of disclosures, say),
 * and the audit trail must never be truncated (LED Art. 25). If such a table exists, this
 * refuses with its name instead.
 */
export async function clearData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => clearTables(manager));
}

/** The demo data never goes near a production exchange (one `liaison setup apply` has marked). */
export async function refuseProductionDatabase(manager: Pick<EntityManager, 'query'>): Promise<void> {
  const mark = await readProductionMark(manager);
  if (mark) {
    throw new Error(
      `Refusing to seed: this database is a production exchange (marked by ${mark.markedBy} at ${mark.markedAt.toISOString()}). `
      + '`liaison seed` only ever touches development databases.',
    );
  }
}

async function clearTables(manager: EntityManager): Promise<void> {
  await refuseProductionDatabase(manager);
  const tables = [...GATEWAY_CORE_DATA_TABLES];
  {
    const referencing = (await manager.query(
      `SELECT DISTINCT c.conrelid::regclass::text AS referencing, c.confrelid::regclass::text AS referenced
         FROM pg_constraint c
        WHERE c.contype = 'f'
          AND c.confrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) AS t)
          AND c.conrelid <> ALL (SELECT to_regclass(t) FROM unnest($1::text[]) AS t)
        ORDER BY 1, 2`,
      [tables],
    )) as { referencing: string; referenced: string }[];
    if (referencing.length > 0) {
      const list = referencing.map((r) => `${r.referencing} → ${r.referenced}`).join(', ');
      throw new Error(
        `Refusing to clear the data: other tables reference the gateway's data tables (${list}). `
        + 'They are not the seeder\'s to empty; clear them deliberately, or extend GATEWAY_CORE_DATA_TABLES if they hold demo data.',
      );
    }
    await manager.query(`TRUNCATE TABLE ${tables.join(', ')}`);
  }
}
