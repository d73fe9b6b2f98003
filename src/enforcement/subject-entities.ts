import type { EntityManager, EntityTarget } from 'typeorm';
import {
  ClassificationEntity, IntelligenceReportEntity, InterventionEntity, PrisonerEntity, ReleasePlanEntity,
  RiskAssessmentEntity, RiskFlagEntity,
} from '../entities/index.js';
import type { SharedRecord } from '../entities/shared-record.js';
import { SUBJECTS, type SubjectType } from '../policies/subjects.js';

/** The table (entity) of each kind of shared record. */
export const SUBJECT_ENTITIES: Readonly<Record<SubjectType, EntityTarget<SharedRecord>>> = {
  Prisoner: PrisonerEntity,
  RiskFlag: RiskFlagEntity,
  RiskAssessment: RiskAssessmentEntity,
  Classification: ClassificationEntity,
  ReleasePlan: ReleasePlanEntity,
  Intervention: InterventionEntity,
  IntelligenceReport: IntelligenceReportEntity,
};

/**
 * One record with every column and, for records that belong to a prisoner, the prisoner under
 * `prisoner` — what the policy's in-memory checks need. For policy *explanations* only: the
 * row never leaves the service that asked for it (reads of shared records for callers go
 * through enforcement/policed-reads.ts).
 */
export async function loadRecordForPolicy(manager: EntityManager, subject: SubjectType, id: string): Promise<Record<string, unknown> | null> {
  const qb = manager.getRepository(SUBJECT_ENTITIES[subject]).createQueryBuilder('record').where('record.id = :id', { id });
  if (SUBJECTS[subject].linkedToPrisoner) qb.leftJoinAndSelect('record.prisoner', 'prisoner');
  return (await qb.getOne()) as Record<string, unknown> | null;
}
