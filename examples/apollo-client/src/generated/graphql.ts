/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Intelligence grading scheme. */
export type GradingScheme =
  /** The Europol 4×4 scheme: source reliability A–D (X: cannot be judged), information accuracy 1–4. */
  | 'EUROPOL'
  /** The UK 3×5×2 scheme: source evaluation 1–3, intelligence assessment A–E, handling code P or C. */
  | 'UK_3X5X2'
  /** The former UK 5×5×5 scheme: source A–E, intelligence 1–5, handling code 1–5. */
  | 'UK_5X5X5';

/** A condition of release on licence. */
export type LicenceConditionType =
  /** Live at an approved address or approved premises. */
  | 'APPROVED_RESIDENCE'
  /** Attend the programmes the supervisor directs. */
  | 'ATTEND_INTERVENTIONS'
  /** Stay at the address during set hours. */
  | 'CURFEW'
  /** Declare and allow inspection of phones and computers. */
  | 'DEVICE_DISCLOSURE'
  /** Keep out of a named area. */
  | 'EXCLUSION_ZONE'
  /** Wear a GPS tag. */
  | 'GPS_MONITORING'
  /** No contact with named people. */
  | 'NON_CONTACT'
  /** Report to the supervising office or police as required. */
  | 'REPORTING'
  /** Surrender passports and travel documents. */
  | 'TRAVEL_DOCUMENT_SURRENDER';

/** Why a field of a shared record was withheld. */
export type RedactionReason =
  /** No clause of an MoU in force grants this field of this record to the caller, for the declared purpose and the caller's roles. */
  | 'NO_CLAUSE'
  /** The field never crosses agencies (health, religion, ethnicity, dependants, intelligence source identity): no clause can grant it. */
  | 'STATUTORY_EXCLUSION';

/** What a risk flag warns of. */
export type RiskFlagCategory =
  /** Risk of escape or absconding. */
  | 'ESCAPE'
  /** Belongs to or acts for an organised gang. */
  | 'GANG_AFFILIATION'
  /** Risk of taking hostages. */
  | 'HOSTAGE_TAKING'
  /** Uses phones, letters or visits to communicate illicitly. */
  | 'ILLICIT_COMMUNICATIONS'
  /** Radicalises or exerts extremist influence over others. */
  | 'RADICALISATION_INFLUENCE'
  /** Risk of self-harm or suicide (raised by health staff, among others). */
  | 'SELF_HARM'
  /** Attempts to manipulate or corrupt staff. */
  | 'STAFF_CONDITIONING'
  /** Risk of contacting victims or witnesses. */
  | 'VICTIM_CONTACT'
  /** Risk of violence to staff or other prisoners. */
  | 'VIOLENCE'
  /** Vulnerable to recruitment by extremists or criminal groups. */
  | 'VULNERABLE_TO_RECRUITMENT'
  /** Has skills or knowledge of weapons or explosives. */
  | 'WEAPONS_EXPLOSIVES_SKILLS';

/** Lifecycle of a risk flag. */
export type RiskFlagStatus =
  /** In force: to be taken into account now. */
  | 'ACTIVE'
  /** No longer in force (closed or past its review); kept on record. */
  | 'EXPIRED'
  /** Raised in error or no longer supported; kept on record. */
  | 'WITHDRAWN';

/** Severity of a flag, overall level of an assessment. */
export type RiskLevel =
  /** High. */
  | 'HIGH'
  /** Low. */
  | 'LOW'
  /** Moderate. */
  | 'MODERATE'
  /** Very high. */
  | 'VERY_HIGH';

/** Why a prisoner is of concern as a violent extremist. */
export type VepStatus =
  /** Assessed as a violent extremist prisoner without such a conviction. */
  | 'ASSESSED_VEP'
  /** No violent-extremism concern recorded. */
  | 'NONE'
  /** Of concern for radicalisation; not (yet) assessed as a VEP. */
  | 'OF_CONCERN'
  /** Convicted of another offence with a terrorist connection. */
  | 'TERRORISM_CONNECTED'
  /** Convicted of a terrorism offence. */
  | 'TERRORISM_CONVICTION';

export type WithheldFragment = { __typename: 'Redaction', field: string, reason: RedactionReason };

export type CounterTerrorismFlagsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type CounterTerrorismFlagsQuery = { __typename: 'Query', riskFlags: { __typename: 'RiskFlagConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'RiskFlagEdge', node: { __typename: 'RiskFlag', id: string, category: RiskFlagCategory | null, severity: RiskLevel | null, summary: string | null, raisedAt: string | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }>, prisoner: { __typename: 'Prisoner', id: string, fullName: string | null, vepStatus: VepStatus | null, expectedReleaseDate: string | null, religion: string | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }> } | null } }> } };

export type ReleasePlansDueQueryVariables = Exact<{
  days: number;
}>;


export type ReleasePlansDueQuery = { __typename: 'Query', releasePlans: { __typename: 'ReleasePlanConnection', totalCount: number, edges: Array<{ __typename: 'ReleasePlanEdge', node: { __typename: 'ReleasePlan', id: string, expectedReleaseDate: string | null, releaseAddress: string | null, supervisingOffice: string | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }>, licenceConditions: Array<{ __typename: 'LicenceCondition', type: LicenceConditionType, details: string | null }> | null, prisoner: { __typename: 'Prisoner', id: string, fullName: string | null, riskFlags: Array<{ __typename: 'RiskFlag', id: string, category: RiskFlagCategory | null, severity: RiskLevel | null, summary: string | null, status: RiskFlagStatus | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }> }> | null } | null } }> } };

export type PrisonerFileQueryVariables = Exact<{
  id: string | number;
}>;


export type PrisonerFileQuery = { __typename: 'Query', prisoner: { __typename: 'Prisoner', id: string, fullName: string | null, religion: string | null, healthNotes: string | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }>, intelligenceReports: Array<{ __typename: 'IntelligenceReport', id: string, gradingScheme: GradingScheme | null, handlingCode: string | null, sanitisedText: string | null, sourceReference: string | null, redactions: Array<{ __typename: 'Redaction', field: string, reason: RedactionReason }> }> | null } | null };

export const WithheldFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Withheld"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Redaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<WithheldFragment, unknown>;
export const CounterTerrorismFlagsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CounterTerrorismFlags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskFlags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"categories"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"RADICALISATION_INFLUENCE"}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"minSeverity"},"value":{"kind":"EnumValue","value":"HIGH"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prisoner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"vepStatus"}},{"kind":"Field","name":{"kind":"Name","value":"expectedReleaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"religion"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Withheld"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Redaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<CounterTerrorismFlagsQuery, CounterTerrorismFlagsQueryVariables>;
export const ReleasePlansDueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReleasePlansDue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"days"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releasePlans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"releaseWithinDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"days"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expectedReleaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseAddress"}},{"kind":"Field","name":{"kind":"Name","value":"supervisingOffice"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}},{"kind":"Field","name":{"kind":"Name","value":"licenceConditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prisoner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"riskFlags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Withheld"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Redaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<ReleasePlansDueQuery, ReleasePlansDueQueryVariables>;
export const PrisonerFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PrisonerFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"prisoner"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"religion"}},{"kind":"Field","name":{"kind":"Name","value":"healthNotes"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}},{"kind":"Field","name":{"kind":"Name","value":"intelligenceReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gradingScheme"}},{"kind":"Field","name":{"kind":"Name","value":"handlingCode"}},{"kind":"Field","name":{"kind":"Name","value":"sanitisedText"}},{"kind":"Field","name":{"kind":"Name","value":"sourceReference"}},{"kind":"Field","name":{"kind":"Name","value":"redactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Withheld"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Withheld"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Redaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<PrisonerFileQuery, PrisonerFileQueryVariables>;