import { AgencyEntity, AgencyRoleEntity } from './agency.entity.js';
import { ClassificationEntity } from './classification.entity.js';
import { FacilityEntity } from './facility.entity.js';
import { IntelligenceReportEntity, IntelligenceReportSubjectEntity } from './intelligence-report.entity.js';
import { InterventionEntity } from './intervention.entity.js';
import { MouAdminEventEntity } from './mou-admin-event.entity.js';
import { MouApprovalEntity, MouClauseEntity, MouEntity } from './mou.entity.js';
import { PrisonerEntity, PrisonerNameEntity } from './prisoner.entity.js';
import { LicenceConditionEntity, ReleasePlanEntity } from './release-plan.entity.js';
import { RiskAssessmentEntity } from './risk-assessment.entity.js';
import { RiskFlagEntity } from './risk-flag.entity.js';

export * from './agency.entity.js';
export * from './classification.entity.js';
export * from './facility.entity.js';
export * from './intelligence-report.entity.js';
export * from './intervention.entity.js';
export * from './mou-admin-event.entity.js';
export * from './mou.entity.js';
export * from './prisoner.entity.js';
export * from './release-plan.entity.js';
export * from './risk-assessment.entity.js';
export * from './risk-flag.entity.js';

/** Every entity, listed explicitly for the DataSource. */
export const entities = [
  AgencyEntity, AgencyRoleEntity, FacilityEntity, PrisonerEntity, PrisonerNameEntity,
  ClassificationEntity, RiskFlagEntity, RiskAssessmentEntity, ReleasePlanEntity,
  LicenceConditionEntity, InterventionEntity, IntelligenceReportEntity,
  IntelligenceReportSubjectEntity, MouEntity, MouClauseEntity, MouApprovalEntity, MouAdminEventEntity,
];
