/** The GraphQL documents the MoU screens send (the public API; see schema.graphql). */

export interface Agency { code: string; name: string }

export interface MouClause {
  id: string; position: number; label: string; subject: string; fields: string[];
  conditions: Record<string, unknown> | null; purposes: string[]; recipientRoles: string[];
  maxTlp: string; onwardDisclosure: string; retentionDays: number; caseReferenceRequired: boolean; dailyRecordQuota: number | null;
}

export interface MouApproval { agency: Agency; userId: string; approvedAt: string; voidedAt: string | null; voidReason: string | null }

export interface MouSummary {
  id: string; reference: string; version: number; title: string; status: string; inForce: boolean;
  provider: Agency; recipient: Agency; validFrom: string; validUntil: string | null; awaitingApprovalFrom: Agency[];
}

export interface Mou extends MouSummary {
  legalBasis: string; purposes: string[]; statusReason: string | null; statusChangedAt: string | null;
  suspendedBy: Agency | null; createdBy: string; authors: string[];
  approvals: MouApproval[]; clauses: MouClause[]; versions: { id: string; version: number; status: string }[];
}

const SUMMARY = `id reference version title status inForce provider { code name } recipient { code name }
  validFrom validUntil awaitingApprovalFrom { code name }`;
const CLAUSES = `clauses { id position label subject fields conditions purposes recipientRoles maxTlp onwardDisclosure retentionDays caseReferenceRequired dailyRecordQuota }`;
export const MOU_FIELDS = `${SUMMARY} legalBasis purposes statusReason statusChangedAt suspendedBy { code name } createdBy authors
  approvals { agency { code name } userId approvedAt voidedAt voidReason } ${CLAUSES}
  versions { id version status }`;

/** A page of the MoU versions the caller may see (a connection, like every list). */
export const MOU_LIST = `query Mous($first: Int, $after: String) { mous(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${SUMMARY} } } } }`;
export interface MouPage { mous: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: MouSummary }[] } }
/** MoU versions per page of the list screen. */
export const MOU_PAGE_SIZE = 50;
export const MOU_BY_ID = `query Mou($id: ID!) { mou(id: $id) { ${MOU_FIELDS} } }`;
export const MOU_CLAUSES = `query MouClauses($id: ID!) { mou(id: $id) { id version ${CLAUSES} } }`;

/** Mutations answer with the version's id and status; the screen then reads the MoU again in full. */
const mutation = (name: string, signature: string, args: string) =>
  `mutation ${name[0]!.toUpperCase()}${name.slice(1)}(${signature}) { ${name}(${args}) { id status } }`;

export const CREATE_DRAFT = mutation('createMouDraft', '$input: MouDraftInput!', 'input: $input');
export const UPDATE_TERMS = mutation('updateMouDraft', '$id: ID!, $patch: MouTermsPatch!', 'id: $id, patch: $patch');
export const ADD_CLAUSE = mutation('addMouClause', '$mouId: ID!, $clause: MouClauseInput!', 'mouId: $mouId, clause: $clause');
export const UPDATE_CLAUSE = mutation('updateMouClause', '$clauseId: ID!, $patch: MouClausePatch!', 'clauseId: $clauseId, patch: $patch');
export const REMOVE_CLAUSE = mutation('removeMouClause', '$clauseId: ID!', 'clauseId: $clauseId');
export const SUBMIT = mutation('submitMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason');
export const APPROVE = mutation('approveMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason');
export const SUSPEND = mutation('suspendMou', '$id: ID!, $reason: String!', 'id: $id, reason: $reason');
export const RESUME = mutation('resumeMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason');
export const TERMINATE = mutation('terminateMou', '$id: ID!, $reason: String!', 'id: $id, reason: $reason');
export const AMEND = mutation('amendMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason');

export const MOU_IMPACT = `query MouImpact($id: ID!) { mouImpact(id: $id) {
  replacesVersion evaluatedAt sampleIdsDisclosed recipient { code name }
  audiences { role purpose subjects { subject rowsBefore rowsAfter rowsGained rowsLost fieldsGained fieldsLost } } } }`;

export const ADMIN_EVENTS = `query MouAdminEvents($filter: MouAdminEventFilter, $first: Int) {
  mouAdminEvents(filter: $filter, first: $first) { totalCount edges { node {
    id sequence occurredAt action outcome channel actorUserId actorAgency { code } actorRoles decisionId
    mouId mouReference mouVersion reason refusal { code rule message } } } } }`;

export interface AdminEvent {
  id: string; sequence: number; occurredAt: string; action: string; outcome: string; channel: string;
  actorUserId: string; actorAgency: { code: string } | null; actorRoles: string[]; decisionId: string | null;
  mouId: string | null; mouReference: string | null; mouVersion: number | null; reason: string | null;
  refusal: { code: string; rule: string | null; message: string } | null;
}

/** Agencies and their roles (`referenceData`, for MOU_ADMINs and auditors): recipients and recipient roles to choose from. */
export const REFERENCE_AGENCIES = `query ReferenceAgencies { referenceData { agencies { code name roles { role description } } } }`;
export interface ReferenceAgency { code: string; name: string; roles: { role: string; description: string | null }[] }
