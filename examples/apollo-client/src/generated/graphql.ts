/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Intelligence grading scheme. */
export type GradingScheme =
  | 'EUROPOL'
  | 'UK_3X5X2'
  | 'UK_5X5X5';

/** A condition of release on licence. */
export type LicenceConditionType =
  | 'APPROVED_RESIDENCE'
  | 'ATTEND_INTERVENTIONS'
  | 'CURFEW'
  | 'DEVICE_DISCLOSURE'
  | 'EXCLUSION_ZONE'
  | 'GPS_MONITORING'
  | 'NON_CONTACT'
  | 'REPORTING'
  | 'TRAVEL_DOCUMENT_SURRENDER';

/** Why a field of a shared record was withheld. */
export type RedactionReason =
  /** No clause of an MoU in force grants this field of this record to the caller, for the declared purpose and the caller's roles. */
  | 'NO_CLAUSE'
  /** The field never crosses agencies (health, religion, ethnicity, dependants, intelligence source identity): no clause can grant it. */
  | 'STATUTORY_EXCLUSION';

/** What a risk flag warns of. */
export type RiskFlagCategory =
  | 'ESCAPE'
  | 'GANG_AFFILIATION'
  | 'HOSTAGE_TAKING'
  | 'ILLICIT_COMMUNICATIONS'
  | 'RADICALISATION_INFLUENCE'
  | 'SELF_HARM'
  | 'STAFF_CONDITIONING'
  | 'VICTIM_CONTACT'
  | 'VIOLENCE'
  | 'VULNERABLE_TO_RECRUITMENT'
  | 'WEAPONS_EXPLOSIVES_SKILLS';

/** Lifecycle of a risk flag. */
export type RiskFlagStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'WITHDRAWN';

/** Severity of a flag, overall level of an assessment. */
export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MODERATE'
  | 'VERY_HIGH';

/** Why a prisoner is of concern as a violent extremist. */
export type VepStatus =
  | 'ASSESSED_VEP'
  | 'NONE'
  | 'OF_CONCERN'
  | 'TERRORISM_CONNECTED'
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