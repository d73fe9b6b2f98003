import type { AssessmentDomainRating } from '../entities/risk-assessment.entity.js';
import type {
  CustodyStatus, Gender, GradingScheme, IntelligencePriority, InterventionKind, InterventionStatus,
  LicenceConditionType, NameKind, NameScript, OnwardDisclosure, PlacementApproach, ReleaseType, RiskFlagBasis,
  RiskFlagCategory, RiskFlagStatus, RiskLevel, SecurityLevel, Tlp, VepStatus,
} from '../domain/enums.js';

/** Rows of the demo data set, keyed by the GatewayCore migration's column names. */

export interface DemoPopulationOptions {
  prisoners: number;
  now: Date;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Row shapes: one interface per table, property names = column names.
// ---------------------------------------------------------------------------------------------

export interface HandlingColumns {
  tlp: Tlp;
  handling_code: string | null;
  onward_disclosure: OnwardDisclosure;
}

export interface FacilityRow {
  id: string;
  owner_agency_code: string;
  code: string;
  name: string;
  security_level: SecurityLevel;
}

export interface PrisonerRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prison_number: string;
  national_id: string | null;
  full_name: string;
  date_of_birth: string | null;
  gender: Gender | null;
  nationality: string | null;
  facility_id: string | null;
  custody_status: CustodyStatus;
  vep_status: VepStatus;
  expected_release_date: string | null;
  religion: string | null;
  ethnicity: string | null;
  health_notes: string | null;
  dependants: string | null;
}

export interface PrisonerNameRow {
  id: string;
  prisoner_id: string;
  value: string;
  script: NameScript;
  kind: NameKind;
}

export interface ClassificationRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prisoner_id: string;
  security_category: SecurityLevel;
  placement_approach: PlacementApproach | null;
  decided_on: string;
  review_date: string | null;
}

export interface RiskFlagRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prisoner_id: string;
  category: RiskFlagCategory;
  severity: RiskLevel;
  status: RiskFlagStatus;
  basis: RiskFlagBasis | null;
  summary: string | null;
  raised_at: Date;
  review_date: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RiskAssessmentRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prisoner_id: string;
  tool: string;
  tool_version: string | null;
  assessor: string | null;
  assessed_at: Date;
  overall_level: RiskLevel;
  domains: AssessmentDomainRating[];
  shareable_summary: string | null;
  narrative: string | null;
  next_review_date: string | null;
}

export interface ReleasePlanRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prisoner_id: string;
  expected_release_date: string;
  release_type: ReleaseType;
  release_address: string | null;
  supervising_office: string | null;
  post_release_services: string[];
}

export interface LicenceConditionRow {
  id: string;
  release_plan_id: string;
  position: number;
  type: LicenceConditionType;
  details: string | null;
}

export interface InterventionRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  prisoner_id: string;
  programme: string;
  kind: InterventionKind;
  status: InterventionStatus;
  started_on: string | null;
  ended_on: string | null;
  session_notes: string | null;
}

export interface IntelligenceReportRow extends HandlingColumns {
  id: string;
  owner_agency_code: string;
  grading_scheme: GradingScheme;
  source_evaluation: string;
  intelligence_assessment: string;
  sanitised_text: string | null;
  source_reference: string | null;
  priority: IntelligencePriority;
  created_at: Date;
}

export interface IntelligenceReportSubjectRow {
  report_id: string;
  prisoner_id: string;
}

export interface DemoPopulation {
  facilities: FacilityRow[];
  prisoners: PrisonerRow[];
  prisonerNames: PrisonerNameRow[];
  classifications: ClassificationRow[];
  riskFlags: RiskFlagRow[];
  riskAssessments: RiskAssessmentRow[];
  releasePlans: ReleasePlanRow[];
  licenceConditions: LicenceConditionRow[];
  interventions: InterventionRow[];
  intelligenceReports: IntelligenceReportRow[];
  intelligenceReportSubjects: IntelligenceReportSubjectRow[];
}
