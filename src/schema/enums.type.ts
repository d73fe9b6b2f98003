import { registerEnumType } from 'type-graphql';
import {
  AGENCY_KINDS, CUSTODY_STATUSES, GENDERS, GRADING_SCHEMES, INTELLIGENCE_PRIORITIES, INTERVENTION_KINDS,
  INTERVENTION_STATUSES, LICENCE_CONDITION_TYPES, NAME_KINDS, NAME_SCRIPTS, ONWARD_DISCLOSURES,
  PLACEMENT_APPROACHES, PURPOSES, RELEASE_TYPES, RISK_FLAG_BASES, RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES,
  RISK_LEVELS, SECURITY_LEVELS, TLPS, VEP_STATUSES,
} from '../domain/enums.js';
import { SUBJECT_TYPES } from '../policies/subjects.js';
import { enumValuesConfig } from './enum-value-descriptions.js';

/**
 * GraphQL enums from the domain's closed lists (values are their own names), each value
 * described from ENUM_VALUE_DESCRIPTIONS under the enum's name.
 */
export function graphqlEnum<T extends string>(values: readonly T[], name: string, description: string): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  registerEnumType(enumObject, { name, description, valuesConfig: enumValuesConfig(name) as { [K in T]?: { description: string } } });
  return enumObject;
}

export const Purpose = graphqlEnum(PURPOSES, 'Purpose', 'Why the caller is asking; declared in the Liaison-Purpose header.');
export const Tlp = graphqlEnum(TLPS, 'Tlp', 'Traffic Light Protocol 2.0 marking.');
export const OnwardDisclosure = graphqlEnum(ONWARD_DISCLOSURES, 'OnwardDisclosure', 'Whether the recipient may pass the record on.');
export const RiskLevel = graphqlEnum(RISK_LEVELS, 'RiskLevel', 'Severity of a flag, overall level of an assessment.');
export const RiskFlagCategory = graphqlEnum(RISK_FLAG_CATEGORIES, 'RiskFlagCategory', 'What a risk flag warns of.');
export const RiskFlagStatus = graphqlEnum(RISK_FLAG_STATUSES, 'RiskFlagStatus', 'Lifecycle of a risk flag.');
export const RiskFlagBasis = graphqlEnum(RISK_FLAG_BASES, 'RiskFlagBasis', 'What a risk flag rests on.');
export const VepStatus = graphqlEnum(VEP_STATUSES, 'VepStatus', 'Why a prisoner is of concern as a violent extremist.');
export const CustodyStatus = graphqlEnum(CUSTODY_STATUSES, 'CustodyStatus', 'Custody status.');
export const Gender = graphqlEnum(GENDERS, 'Gender', 'Gender as recorded.');
export const NameScript = graphqlEnum(NAME_SCRIPTS, 'NameScript', 'Script a name is written in.');
export const NameKind = graphqlEnum(NAME_KINDS, 'NameKind', 'Primary name, alias or transliteration.');
export const SecurityLevel = graphqlEnum(SECURITY_LEVELS, 'SecurityLevel', 'Security level of a facility or a classification.');
export const PlacementApproach = graphqlEnum(PLACEMENT_APPROACHES, 'PlacementApproach', 'Placement approach for violent extremist prisoners.');
export const ReleaseType = graphqlEnum(RELEASE_TYPES, 'ReleaseType', 'How a prisoner is released.');
export const LicenceConditionType = graphqlEnum(LICENCE_CONDITION_TYPES, 'LicenceConditionType', 'A condition of release on licence.');
export const InterventionKind = graphqlEnum(INTERVENTION_KINDS, 'InterventionKind', 'Kind of programme.');
export const InterventionStatus = graphqlEnum(INTERVENTION_STATUSES, 'InterventionStatus', 'Participation status.');
export const GradingScheme = graphqlEnum(GRADING_SCHEMES, 'GradingScheme', 'Intelligence grading scheme.');
export const IntelligencePriority = graphqlEnum(INTELLIGENCE_PRIORITIES, 'IntelligencePriority', 'Priority of an intelligence report.');
export const AgencyKind = graphqlEnum(AGENCY_KINDS, 'AgencyKind', 'Kind of agency.');
export const SubjectType = graphqlEnum(SUBJECT_TYPES, 'SubjectType', 'A kind of shared record governed by MoU clauses.');
