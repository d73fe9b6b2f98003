import {
  CUSTODY_STATUSES, GENDERS, GRADING_SCHEMES, INTELLIGENCE_PRIORITIES, INTERVENTION_KINDS,
  INTERVENTION_STATUSES, ONWARD_DISCLOSURES, PLACEMENT_APPROACHES, RELEASE_TYPES, RISK_FLAG_BASES,
  RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES, RISK_LEVELS, SECURITY_LEVELS, TLPS, VEP_STATUSES,
} from '../domain/enums.js';

/**
 * The subjects the policy governs and, for each, what a clause may grant (fields) and what a
 * clause may test (condition fields). This catalogue is the single place that says which
 * parts of a record exist for policy purposes; the condition validator, the clause compiler,
 * the SQL translator and the field masker all read it.
 */
export const SUBJECT_TYPES = [
  'Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention',
  'IntelligenceReport',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const isSubjectType = (value: unknown): value is SubjectType =>
  typeof value === 'string' && (SUBJECT_TYPES as readonly string[]).includes(value);

export type ConditionFieldKind = 'uuid' | 'string' | 'enum' | 'date' | 'timestamp';

export interface ConditionField {
  kind: ConditionFieldKind;
  /** Allowed values, for enums. */
  values?: readonly string[];
  nullable: boolean;
}

export interface SubjectDefinition {
  type: SubjectType;
  /** Fields a clause may grant: the record's GraphQL field names. */
  fields: readonly string[];
  /**
   * Fields present on every visible row whatever the clause says: the record's identity and
   * the handling marks that must travel with it (LED Art. 9).
   */
  alwaysVisible: readonly string[];
  /** Scalar fields a clause condition may test (SQL column = snake_case of the name). */
  conditionFields: Readonly<Record<string, ConditionField>>;
  /** Whether the record belongs to one prisoner, so conditions may test `prisoner.<field>`. */
  linkedToPrisoner: boolean;
  /**
   * Fields computed from a granted field, visible exactly when their source is (field →
   * source). Not grantable themselves; presenting a record refuses any computed field not
   * declared here.
   */
  computed?: Readonly<Record<string, string>>;
}

const uuid: ConditionField = { kind: 'uuid', nullable: false };
const text = (nullable: boolean): ConditionField => ({ kind: 'string', nullable });
const oneOf = (values: readonly string[], nullable = false): ConditionField => ({ kind: 'enum', values, nullable });
const date = (nullable: boolean): ConditionField => ({ kind: 'date', nullable });
const timestamp: ConditionField = { kind: 'timestamp', nullable: false };

/** Handling marks every shared record carries; conditions may test them. */
const handlingConditionFields = {
  tlp: oneOf(TLPS),
  handlingCode: text(true),
  onwardDisclosure: oneOf(ONWARD_DISCLOSURES),
};

const ALWAYS_VISIBLE = ['id', 'ownerAgency', 'handling'] as const;

export const SUBJECTS: Readonly<Record<SubjectType, SubjectDefinition>> = {
  Prisoner: {
    type: 'Prisoner',
    fields: [
      'id', 'prisonNumber', 'nationalId', 'fullName', 'names', 'dateOfBirth', 'gender', 'nationality',
      'facility', 'custodyStatus', 'vepStatus', 'expectedReleaseDate',
      'religion', 'ethnicity', 'healthNotes', 'dependants',
    ],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      prisonNumber: text(false),
      nationalId: text(true),
      dateOfBirth: date(true),
      gender: oneOf(GENDERS, true),
      nationality: text(true),
      facilityId: { kind: 'uuid', nullable: true },
      custodyStatus: oneOf(CUSTODY_STATUSES),
      vepStatus: oneOf(VEP_STATUSES),
      expectedReleaseDate: date(true),
      updatedAt: timestamp,
      ...handlingConditionFields,
    },
    linkedToPrisoner: false,
  },
  RiskFlag: {
    type: 'RiskFlag',
    fields: ['id', 'category', 'severity', 'status', 'basis', 'summary', 'raisedAt', 'reviewDate', 'updatedAt'],
    alwaysVisible: ALWAYS_VISIBLE,
    computed: { stale: 'reviewDate' },
    conditionFields: {
      id: uuid,
      prisonerId: uuid,
      category: oneOf(RISK_FLAG_CATEGORIES),
      severity: oneOf(RISK_LEVELS),
      status: oneOf(RISK_FLAG_STATUSES),
      basis: oneOf(RISK_FLAG_BASES, true),
      raisedAt: timestamp,
      reviewDate: date(true),
      updatedAt: timestamp,
      ...handlingConditionFields,
    },
    linkedToPrisoner: true,
  },
  RiskAssessment: {
    type: 'RiskAssessment',
    fields: [
      'id', 'tool', 'toolVersion', 'assessor', 'assessedAt', 'overallLevel', 'domains',
      'shareableSummary', 'narrative', 'nextReviewDate',
    ],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      prisonerId: uuid,
      tool: text(false),
      overallLevel: oneOf(RISK_LEVELS),
      assessedAt: timestamp,
      nextReviewDate: date(true),
      ...handlingConditionFields,
    },
    linkedToPrisoner: true,
  },
  Classification: {
    type: 'Classification',
    fields: ['id', 'securityCategory', 'placementApproach', 'decidedOn', 'reviewDate'],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      prisonerId: uuid,
      securityCategory: oneOf(SECURITY_LEVELS),
      placementApproach: oneOf(PLACEMENT_APPROACHES, true),
      decidedOn: date(false),
      reviewDate: date(true),
      ...handlingConditionFields,
    },
    linkedToPrisoner: true,
  },
  ReleasePlan: {
    type: 'ReleasePlan',
    fields: [
      'id', 'expectedReleaseDate', 'releaseType', 'releaseAddress', 'supervisingOffice',
      'licenceConditions', 'postReleaseServices',
    ],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      prisonerId: uuid,
      expectedReleaseDate: date(false),
      releaseType: oneOf(RELEASE_TYPES),
      supervisingOffice: text(true),
      ...handlingConditionFields,
    },
    linkedToPrisoner: true,
  },
  Intervention: {
    type: 'Intervention',
    fields: ['id', 'programme', 'kind', 'status', 'startedOn', 'endedOn', 'sessionNotes'],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      prisonerId: uuid,
      kind: oneOf(INTERVENTION_KINDS),
      status: oneOf(INTERVENTION_STATUSES),
      startedOn: date(true),
      endedOn: date(true),
      ...handlingConditionFields,
    },
    linkedToPrisoner: true,
  },
  IntelligenceReport: {
    type: 'IntelligenceReport',
    fields: [
      'id', 'gradingScheme', 'sourceEvaluation', 'intelligenceAssessment', 'handlingCode',
      'sanitisedText', 'sourceReference', 'priority', 'createdAt',
    ],
    alwaysVisible: ALWAYS_VISIBLE,
    conditionFields: {
      id: uuid,
      gradingScheme: oneOf(GRADING_SCHEMES),
      sourceEvaluation: text(false),
      intelligenceAssessment: text(false),
      priority: oneOf(INTELLIGENCE_PRIORITIES),
      createdAt: timestamp,
      ...handlingConditionFields,
    },
    linkedToPrisoner: false,
  },
};

/** The column that owns a record; the clause compiler pins it to the MoU's provider. */
export const OWNER_FIELD = 'ownerAgencyCode';

/** Prefix under which a linked record's conditions reach its prisoner's fields. */
export const PRISONER_PREFIX = 'prisoner.';

/**
 * Resolves a condition field path for a subject: its own field, `prisoner.<field>` for
 * records linked to a prisoner, or the internal owner column. Undefined when unknown.
 */
export function conditionFieldOf(subject: SubjectType, path: string): ConditionField | undefined {
  if (path === OWNER_FIELD) return { kind: 'string', nullable: false };
  // Own properties only: "__proto__" or "constructor" must never pass for a field.
  const lookup = (fields: Readonly<Record<string, ConditionField>>, name: string) =>
    Object.hasOwn(fields, name) ? fields[name] : undefined;
  const own = lookup(SUBJECTS[subject].conditionFields, path);
  if (own) return own;
  if (SUBJECTS[subject].linkedToPrisoner && path.startsWith(PRISONER_PREFIX)) {
    const field = path.slice(PRISONER_PREFIX.length);
    return field === OWNER_FIELD ? undefined : lookup(SUBJECTS.Prisoner.conditionFields, field);
  }
  return undefined;
}
