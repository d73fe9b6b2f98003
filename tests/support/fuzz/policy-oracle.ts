import { In, type DataSource, type EntityTarget, type FindOptionsRelations } from 'typeorm';
import {
  ClassificationEntity, IntelligenceReportEntity, InterventionEntity, PrisonerEntity, ReleasePlanEntity,
  RiskAssessmentEntity, RiskFlagEntity,
} from '../../../src/entities/index.js';
import type { SharedRecord } from '../../../src/entities/shared-record.js';
import { AbilityCache } from '../../../src/policies/ability-cache.js';
import type { PolicyKey, PolicySnapshot } from '../../../src/policies/build-policy.js';
import { isSubjectType, SUBJECTS, type SubjectType } from '../../../src/policies/subjects.js';

/**
 * The policy oracle of the fuzz run: every record a response carries is loaded again from
 * the database, whole (owning prisoner included), and judged in memory by the CompiledPolicy
 * of src/policies — `ability.can` on the row, then the fields granted on that row. The
 * gateway filters rows in SQL; this judges them independently of that SQL.
 */

/** The entity of each kind of shared record: the oracle loads records whole, through TypeORM, not the compiler's SQL. */
const SUBJECT_ENTITIES: Readonly<Record<SubjectType, EntityTarget<SharedRecord>>> = {
  Prisoner: PrisonerEntity,
  RiskFlag: RiskFlagEntity,
  RiskAssessment: RiskAssessmentEntity,
  Classification: ClassificationEntity,
  ReleasePlan: ReleasePlanEntity,
  Intervention: InterventionEntity,
  IntelligenceReport: IntelligenceReportEntity,
};

/** Fields derived from another field: visible exactly when their source is. */
const DERIVED: Readonly<Record<string, string>> = { stale: 'reviewDate' };

/** A record as it appeared in a response. */
export interface ReturnedRecord {
  subject: SubjectType;
  id: string;
  /** The response object, keyed by field name (the generator aliases root fields only). */
  object: Record<string, unknown>;
  path: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every object in `data` that names its type (a governed subject) and its id. */
export function returnedRecords(data: unknown, path = 'data'): ReturnedRecord[] {
  const found: ReturnedRecord[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${at}.${i}`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (isSubjectType(object.__typename) && typeof object.id === 'string' && UUID.test(object.id)) {
      found.push({ subject: object.__typename, id: object.id, object, path: at });
    }
    for (const [key, child] of Object.entries(object)) walk(child, `${at}.${key}`);
  };
  walk(data, path);
  return found;
}

export class PolicyOracle {
  private readonly abilities = new AbilityCache();

  constructor(private readonly dataSource: DataSource, private readonly snapshot: PolicySnapshot) {}

  /**
   * The violations among `records` returned to the caller `key`: a row the ability refuses,
   * a row that does not exist, and — when `fields` — a non-null field not granted on its row.
   */
  async violations(key: PolicyKey, records: readonly ReturnedRecord[], options: { fields: boolean }): Promise<string[]> {
    const policy = this.abilities.get(this.snapshot, key, new Date());
    const problems: string[] = [];
    const bySubject = new Map<SubjectType, ReturnedRecord[]>();
    for (const record of records) bySubject.set(record.subject, [...(bySubject.get(record.subject) ?? []), record]);
    for (const [subject, returned] of bySubject) {
      const rows = await this.dataSource.getRepository(SUBJECT_ENTITIES[subject]).find({
        where: { id: In([...new Set(returned.map((r) => r.id.toLowerCase()))]) },
        // The repository is one of a union of entities; every linked one has the `prisoner` relation.
        ...(SUBJECTS[subject].linkedToPrisoner ? { relations: { prisoner: true } as FindOptionsRelations<SharedRecord> } : {}),
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const record of returned) {
        const row = byId.get(record.id.toLowerCase());
        if (!row) {
          problems.push(`${record.path}: ${subject} ${record.id} is not in the database`);
          continue;
        }
        const decision = policy.decide(subject, row);
        if (!decision.readable) {
          problems.push(`${record.path}: ${subject} ${record.id} returned, but the policy refuses the row`);
          continue;
        }
        if (!options.fields) continue;
        for (const [field, value] of Object.entries(record.object)) {
          if (value === null || value === undefined) continue;
          const governing = DERIVED[field] ?? field;
          if (!SUBJECTS[subject].fields.includes(governing)) continue;
          if (!decision.fields.has(governing)) {
            problems.push(`${record.path}.${field}: ${subject} field "${governing}" returned, but not granted on this row`);
          }
        }
      }
    }
    return problems;
  }
}
