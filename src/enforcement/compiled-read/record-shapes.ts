import type { SubjectType } from '../../policies/subjects.js';
import { columnOf } from './sql-statement.js';

/**
 * How each shared record is read in SQL: its table, each GraphQL field as a JSON-ready SQL
 * expression (dates formatted by PostgreSQL, child rows aggregated), and its relations to
 * other shared records, each read under its own subject's policy. The subject catalogue
 * (src/policies/subjects.ts) says what a clause may grant; this says where it is stored.
 */

/** A field's value as SQL over the record's alias `a` (and today's date, for computed fields). */
export type FieldExpression = (a: string, today: () => string) => string;

export interface RelationShape {
  subject: SubjectType;
  /** One record (the latest, the owner) or a bounded list. */
  many: boolean;
  /** Rows of the related table (alias `b`) belonging to the parent (alias `a`). */
  link: (b: string, a: string) => string;
  /** Order that picks the latest / orders the list, before the final `id`. */
  orderBy: { field: string; direction: 'ASC' | 'DESC' } | null;
  direction: 'ASC' | 'DESC';
  /** The record's owning prisoner (`link` on its `prisoner_id`): read as a join of that one row, not a subquery. */
  owner?: true;
  /** A prisoner's own records (`link` on their `prisoner_id`): their policy's prisoner tests read the parent row, no join. */
  ofPrisoner?: true;
}

export interface RecordShape {
  table: string;
  fields: Readonly<Record<string, FieldExpression>>;
  /** A field whose value comes from one reference row: the join that brings it, as `<a>f` (a LEFT JOIN on its key). */
  joins?: Readonly<Record<string, (a: string) => string>>;
  relations: Readonly<Record<string, RelationShape>>;
}

const column = (property: string): FieldExpression => (a) => `${a}.${columnOf(property)}`;
const date = (property: string): FieldExpression => (a) => `to_char(${a}.${columnOf(property)}, 'YYYY-MM-DD')`;
const instant = (property: string): FieldExpression =>
  (a) => `to_char(${a}.${columnOf(property)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Bookkeeping fields every record has. */
const bookkeeping = { updatedAt: instant('updatedAt'), externalId: column('externalId'), revision: column('revision') };

const prisonerOfRecord: RelationShape = {
  subject: 'Prisoner', many: false, link: (b, a) => `${b}.id = ${a}.prisoner_id`, orderBy: null, direction: 'ASC', owner: true,
};

/**
 * Every column of `prisoner`. A page whose policy predicate needed the owning prisoner joined
 * carries that row out in these columns, and the records are dressed from them rather than from
 * the same row joined again (compile-records.ts). Checked against the migrated table
 * (tests/integration/compiled-read-parity.test.ts): a column missing here fails there.
 */
export const PRISONER_COLUMNS: readonly string[] = [
  'id', 'owner_agency_code', 'prison_number', 'national_id', 'full_name', 'date_of_birth', 'gender', 'nationality',
  'facility_id', 'custody_status', 'vep_status', 'expected_release_date', 'religion', 'ethnicity', 'health_notes',
  'dependants', 'tlp', 'handling_code', 'onward_disclosure', 'created_at', 'updated_at', 'external_id', 'revision',
  'withdrawn_at', 'withdrawal_reason',
];

/** Nested lists are bounded: at most this many records per parent. */
export const NESTED_LIST_LIMIT = 100;

export const RECORD_SHAPES: Readonly<Record<SubjectType, RecordShape>> = {
  Prisoner: {
    table: 'prisoner',
    fields: {
      prisonNumber: column('prisonNumber'),
      nationalId: column('nationalId'),
      fullName: column('fullName'),
      names: (a) => `(SELECT coalesce(json_agg(json_build_object('value', n.value, 'script', n.script, 'kind', n.kind) ORDER BY n.kind, n.value), '[]'::json)
        FROM prisoner_name n WHERE n.prisoner_id = ${a}.id)`,
      dateOfBirth: date('dateOfBirth'),
      gender: column('gender'),
      nationality: column('nationality'),
      // Joined, not a subquery per row: a subquery over a table this small is a sequential scan restarted for every row.
      facility: (a) => `CASE WHEN ${a}f.id IS NOT NULL THEN json_build_object('code', ${a}f.code, 'name', ${a}f.name, 'securityLevel', ${a}f.security_level) END`,
      custodyStatus: column('custodyStatus'),
      vepStatus: column('vepStatus'),
      expectedReleaseDate: date('expectedReleaseDate'),
      religion: column('religion'),
      ethnicity: column('ethnicity'),
      healthNotes: column('healthNotes'),
      dependants: column('dependants'),
      ...bookkeeping,
    },
    joins: { facility: (a) => `LEFT JOIN facility ${a}f ON ${a}f.id = ${a}.facility_id` },
    relations: {
      riskFlags: {
        subject: 'RiskFlag', many: true, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: { field: 'raisedAt', direction: 'DESC' }, direction: 'DESC', ofPrisoner: true,
      },
      latestAssessment: {
        subject: 'RiskAssessment', many: false, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: { field: 'assessedAt', direction: 'DESC' }, direction: 'DESC', ofPrisoner: true,
      },
      riskAssessments: {
        subject: 'RiskAssessment', many: true, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: { field: 'assessedAt', direction: 'DESC' }, direction: 'DESC', ofPrisoner: true,
      },
      classification: {
        subject: 'Classification', many: false, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: { field: 'decidedOn', direction: 'DESC' }, direction: 'DESC', ofPrisoner: true,
      },
      releasePlan: {
        subject: 'ReleasePlan', many: false, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: { field: 'updatedAt', direction: 'DESC' }, direction: 'DESC', ofPrisoner: true,
      },
      interventions: {
        // createdAt is not a field of the record: the list is ordered by id (nothing withheld is revealed by the order).
        subject: 'Intervention', many: true, link: (b, a) => `${b}.prisoner_id = ${a}.id`, orderBy: null, direction: 'DESC', ofPrisoner: true,
      },
      intelligenceReports: {
        subject: 'IntelligenceReport', many: true,
        link: (b, a) => `${b}.id IN (SELECT s.report_id FROM intelligence_report_subject s WHERE s.prisoner_id = ${a}.id)`,
        orderBy: { field: 'createdAt', direction: 'DESC' }, direction: 'DESC',
      },
    },
  },
  RiskFlag: {
    table: 'risk_flag',
    fields: {
      category: column('category'),
      severity: column('severity'),
      status: column('status'),
      basis: column('basis'),
      summary: column('summary'),
      raisedAt: instant('raisedAt'),
      reviewDate: date('reviewDate'),
      // A flag past its review date is visibly stale: an old warning must not pass for a current one.
      stale: (a, today) => `(${a}.review_date IS NOT NULL AND ${a}.review_date < ${today()}::date)`,
      ...bookkeeping,
    },
    relations: { prisoner: prisonerOfRecord },
  },
  RiskAssessment: {
    table: 'risk_assessment',
    fields: {
      tool: column('tool'),
      toolVersion: column('toolVersion'),
      assessor: column('assessor'),
      assessedAt: instant('assessedAt'),
      overallLevel: column('overallLevel'),
      domains: (a) => `${a}.domains`,
      shareableSummary: column('shareableSummary'),
      narrative: column('narrative'),
      nextReviewDate: date('nextReviewDate'),
      ...bookkeeping,
    },
    relations: { prisoner: prisonerOfRecord },
  },
  Classification: {
    table: 'classification',
    fields: {
      securityCategory: column('securityCategory'),
      placementApproach: column('placementApproach'),
      decidedOn: date('decidedOn'),
      reviewDate: date('reviewDate'),
      ...bookkeeping,
    },
    relations: {},
  },
  ReleasePlan: {
    table: 'release_plan',
    fields: {
      expectedReleaseDate: date('expectedReleaseDate'),
      releaseType: column('releaseType'),
      releaseAddress: column('releaseAddress'),
      supervisingOffice: column('supervisingOffice'),
      licenceConditions: (a) => `(SELECT coalesce(json_agg(json_build_object('type', c.type, 'details', c.details) ORDER BY c.position), '[]'::json)
        FROM licence_condition c WHERE c.release_plan_id = ${a}.id)`,
      postReleaseServices: (a) => `to_json(${a}.post_release_services)`,
      ...bookkeeping,
    },
    relations: { prisoner: prisonerOfRecord },
  },
  Intervention: {
    table: 'intervention',
    fields: {
      programme: column('programme'),
      kind: column('kind'),
      status: column('status'),
      startedOn: date('startedOn'),
      endedOn: date('endedOn'),
      sessionNotes: column('sessionNotes'),
      ...bookkeeping,
    },
    relations: {},
  },
  IntelligenceReport: {
    table: 'intelligence_report',
    fields: {
      gradingScheme: column('gradingScheme'),
      sourceEvaluation: column('sourceEvaluation'),
      intelligenceAssessment: column('intelligenceAssessment'),
      handlingCode: column('handlingCode'),
      sanitisedText: column('sanitisedText'),
      sourceReference: column('sourceReference'),
      priority: column('priority'),
      createdAt: instant('createdAt'),
      ...bookkeeping,
    },
    relations: {
      subjects: {
        subject: 'Prisoner', many: true,
        link: (b, a) => `${b}.id IN (SELECT s.prisoner_id FROM intelligence_report_subject s WHERE s.report_id = ${a}.id)`,
        orderBy: null, direction: 'ASC',
      },
    },
  },
};

/** The governed types' fields that are neither data nor relations: resolved from the record's identity. */
export const IDENTITY_FIELDS = new Set(['id', 'ownerAgency', 'handling', 'redactions', '__typename']);
