/**
 * The vocabulary of the field (docs/architecture.md §5), as closed lists. Each list is
 * the single source for the database CHECK constraints' intent, the GraphQL enums and the
 * policy condition validator.
 */

const list = <const T extends readonly string[]>(...values: T): T => values;

export const PURPOSES = list(
  'PRISON_SECURITY', 'PUBLIC_PROTECTION', 'RELEASE_PLANNING', 'SUPERVISION',
  'CRIME_PREVENTION', 'COUNTER_TERRORISM', 'REHABILITATION', 'OVERSIGHT',
);
export type Purpose = (typeof PURPOSES)[number];

/** Traffic Light Protocol 2.0, least to most restrictive. */
export const TLPS = list('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED');
export type Tlp = (typeof TLPS)[number];

/** TLP markings at or below `max`. */
export const tlpsUpTo = (max: Tlp): Tlp[] => TLPS.slice(0, TLPS.indexOf(max) + 1);

export const ONWARD_DISCLOSURES = list('NONE', 'WITH_ORIGINATOR_CONSENT', 'PERMITTED');
export type OnwardDisclosure = (typeof ONWARD_DISCLOSURES)[number];

/** The stricter of two onward-disclosure rules (NONE is strictest). */
export const stricterOnward = (a: OnwardDisclosure, b: OnwardDisclosure): OnwardDisclosure =>
  ONWARD_DISCLOSURES.indexOf(a) <= ONWARD_DISCLOSURES.indexOf(b) ? a : b;

export const RISK_LEVELS = list('LOW', 'MODERATE', 'HIGH', 'VERY_HIGH');
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_FLAG_CATEGORIES = list(
  'VIOLENCE', 'ESCAPE', 'HOSTAGE_TAKING', 'RADICALISATION_INFLUENCE', 'VULNERABLE_TO_RECRUITMENT',
  'SELF_HARM', 'STAFF_CONDITIONING', 'ILLICIT_COMMUNICATIONS', 'WEAPONS_EXPLOSIVES_SKILLS',
  'GANG_AFFILIATION', 'VICTIM_CONTACT',
);
export type RiskFlagCategory = (typeof RISK_FLAG_CATEGORIES)[number];

export const RISK_FLAG_STATUSES = list('ACTIVE', 'EXPIRED', 'WITHDRAWN');
export type RiskFlagStatus = (typeof RISK_FLAG_STATUSES)[number];

export const RISK_FLAG_BASES = list(
  'CONVICTION', 'STRUCTURED_ASSESSMENT', 'GRADED_INTELLIGENCE', 'ADJUDICATED_INCIDENT', 'OBSERVATION',
);
export type RiskFlagBasis = (typeof RISK_FLAG_BASES)[number];

export const VEP_STATUSES = list(
  'TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP', 'OF_CONCERN', 'NONE',
);
export type VepStatus = (typeof VEP_STATUSES)[number];

export const CUSTODY_STATUSES = list('REMAND', 'SENTENCED', 'RECALLED', 'RELEASED_ON_LICENCE', 'RELEASED', 'UNLAWFULLY_AT_LARGE');
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];

export const GENDERS = list('FEMALE', 'MALE', 'OTHER');
export type Gender = (typeof GENDERS)[number];

export const NAME_SCRIPTS = list('LATIN', 'ARABIC', 'CYRILLIC', 'OTHER');
export type NameScript = (typeof NAME_SCRIPTS)[number];

export const NAME_KINDS = list('PRIMARY', 'ALIAS', 'TRANSLITERATION');
export type NameKind = (typeof NAME_KINDS)[number];

export const SECURITY_LEVELS = list('MAXIMUM', 'HIGH', 'MEDIUM', 'LOW');
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export const PLACEMENT_APPROACHES = list('INTEGRATION', 'SPECIALIST_UNIT', 'SEPARATION', 'HYBRID');
export type PlacementApproach = (typeof PLACEMENT_APPROACHES)[number];

export const RELEASE_TYPES = list('AUTOMATIC', 'PAROLE', 'END_OF_SENTENCE', 'HOME_DETENTION_CURFEW', 'DEPORTATION');
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const LICENCE_CONDITION_TYPES = list(
  'APPROVED_RESIDENCE', 'CURFEW', 'GPS_MONITORING', 'EXCLUSION_ZONE', 'NON_CONTACT', 'REPORTING',
  'DEVICE_DISCLOSURE', 'TRAVEL_DOCUMENT_SURRENDER', 'ATTEND_INTERVENTIONS',
);
export type LicenceConditionType = (typeof LICENCE_CONDITION_TYPES)[number];

export const INTERVENTION_KINDS = list('DISENGAGEMENT', 'MENTORING', 'EDUCATION', 'VOCATIONAL', 'PSYCHOLOGICAL');
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const INTERVENTION_STATUSES = list('REFERRED', 'ACTIVE', 'COMPLETED', 'WITHDRAWN');
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const GRADING_SCHEMES = list('UK_3X5X2', 'UK_5X5X5', 'EUROPOL');
export type GradingScheme = (typeof GRADING_SCHEMES)[number];

export const INTELLIGENCE_PRIORITIES = list('ROUTINE', 'PRIORITY', 'IMMEDIATE');
export type IntelligencePriority = (typeof INTELLIGENCE_PRIORITIES)[number];

export const AGENCY_KINDS = list('PRISON_ADMINISTRATION', 'LAW_ENFORCEMENT', 'PROBATION_SERVICE', 'OVERSIGHT', 'OTHER');
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const MOU_STATUSES = list(
  'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'EXPIRED', 'SUSPENDED', 'TERMINATED', 'SUPERSEDED',
);
export type MouStatus = (typeof MOU_STATUSES)[number];
