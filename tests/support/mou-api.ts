import { expect } from 'vitest';
import type { GraphQLResponse, TestGateway } from './gateway.js';

/** The MoU fields the tests read. */
export const MOU_FIELDS = `id reference version title status inForce statusReason statusChangedAt validFrom validUntil createdBy authors
  purposes legalBasis provider { code } recipient { code } suspendedBy { code }
  approvals { agency { code } userId approvedAt voidedAt voidReason } awaitingApprovalFrom { code }
  clauses { id position label subject fields conditions purposes recipientRoles maxTlp onwardDisclosure retentionDays caseReferenceRequired dailyRecordQuota }`;

export interface MouResult {
  id: string;
  reference: string;
  version: number;
  status: string;
  inForce: boolean;
  authors: string[];
  approvals: { agency: { code: string }; userId: string; voidedAt: string | null; voidReason: string | null }[];
  awaitingApprovalFrom: { code: string }[];
  suspendedBy: { code: string } | null;
  statusReason: string | null;
  clauses: { id: string; position: number; label: string; subject: string; fields: string[]; conditions: Record<string, unknown> | null; purposes: string[]; recipientRoles: string[] }[];
  [key: string]: unknown;
}

type Response = GraphQLResponse<any>;

/** A clause granting police analysts the classification of VEP prisoners (no demo clause does). */
export const VEP_CLASSIFICATION_CLAUSE = {
  label: 'Classification of VEPs',
  subject: 'Classification',
  fields: ['id', 'securityCategory', 'placementApproach'],
  conditions: { 'prisoner.vepStatus': { $in: ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP'] } },
  purposes: ['COUNTER_TERRORISM'],
  recipientRoles: ['ANALYST'],
  maxTlp: 'AMBER',
  onwardDisclosure: 'NONE',
  retentionDays: 365,
  caseReferenceRequired: false,
};

export const draftInput = (overrides: Record<string, unknown> = {}) => ({
  reference: 'MOU-PRISONS-POLICE-02',
  title: 'Classification of violent extremist prisoners',
  recipient: 'POLICE',
  legalBasis: 'Prisons Act s. 12(3)',
  purposes: ['COUNTER_TERRORISM'],
  validFrom: '2025-06-01T00:00:00.000Z',
  validUntil: null,
  clauses: [VEP_CLASSIFICATION_CLAUSE],
  ...overrides,
});

/** Typed calls to the MoU administration API over HTTP. */
export function mouApi(gateway: TestGateway) {
  const call = (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Response> =>
    gateway.graphql<any>(query, { token, variables });
  const mutate = (name: string, signature: string, args: string) => (token: string, variables: Record<string, unknown>) =>
    call(token, `mutation(${signature}) { ${name}(${args}) { ${MOU_FIELDS} } }`, variables);
  return {
    call,
    create: (token: string, input: Record<string, unknown>) =>
      mutate('createMouDraft', '$input: MouDraftInput!', 'input: $input')(token, { input }),
    updateDraft: (token: string, id: string, patch: Record<string, unknown>) =>
      mutate('updateMouDraft', '$id: ID!, $patch: MouTermsPatch!', 'id: $id, patch: $patch')(token, { id, patch }),
    addClause: (token: string, mouId: string, clause: Record<string, unknown>) =>
      mutate('addMouClause', '$mouId: ID!, $clause: MouClauseInput!', 'mouId: $mouId, clause: $clause')(token, { mouId, clause }),
    updateClause: (token: string, clauseId: string, patch: Record<string, unknown>) =>
      mutate('updateMouClause', '$clauseId: ID!, $patch: MouClausePatch!', 'clauseId: $clauseId, patch: $patch')(token, { clauseId, patch }),
    removeClause: (token: string, clauseId: string) =>
      mutate('removeMouClause', '$clauseId: ID!', 'clauseId: $clauseId')(token, { clauseId }),
    submit: (token: string, id: string, reason?: string) =>
      mutate('submitMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason')(token, { id, reason }),
    approve: (token: string, id: string, reason?: string) =>
      mutate('approveMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason')(token, { id, reason }),
    suspend: (token: string, id: string, reason: string) =>
      mutate('suspendMou', '$id: ID!, $reason: String!', 'id: $id, reason: $reason')(token, { id, reason }),
    resume: (token: string, id: string, reason?: string) =>
      mutate('resumeMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason')(token, { id, reason }),
    terminate: (token: string, id: string, reason: string) =>
      mutate('terminateMou', '$id: ID!, $reason: String!', 'id: $id, reason: $reason')(token, { id, reason }),
    amend: (token: string, id: string, reason?: string) =>
      mutate('amendMou', '$id: ID!, $reason: String', 'id: $id, reason: $reason')(token, { id, reason }),
    get: (token: string, variables: { id?: string; reference?: string; version?: number }) =>
      call(token, `query($id: ID, $reference: String, $version: Int) { mou(id: $id, reference: $reference, version: $version) { ${MOU_FIELDS} versions { version status } } }`, variables),
    list: (token: string, filter: Record<string, unknown> = {}, page: { first?: number; after?: string | null } = { first: 100 }) =>
      call(token, `query($filter: MouFilter, $first: Int, $after: String) { mous(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reference version status provider { code } recipient { code } } } } }`, { filter, ...page }),
    events: (token: string, filter: Record<string, unknown> = {}, first = 100) =>
      call(token, `query($filter: MouAdminEventFilter, $first: Int) { mouAdminEvents(filter: $filter, first: $first) { totalCount edges { node {
        id sequence occurredAt action outcome channel actorUserId actorAgency { code } actorRoles decisionId mouId mouReference mouVersion clauseId
        reason refusal { code rule message } request before after } } } }`, { filter, first }),
  };
}

/** The MoU a successful mutation returned (fails the test with the errors otherwise). */
export function ok(res: Response, field?: string): MouResult {
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const data = res.body.data as Record<string, MouResult>;
  return field ? data[field]! : Object.values(data)[0]!;
}

/** Asserts a refusal: the code, the rule (in extensions and the message) and no data. */
export function refused(res: Response, code: string, rule?: string): { message: string; extensions: Record<string, unknown> } {
  const error = res.body.errors?.[0];
  expect(error, `expected ${code}${rule ? ` (${rule})` : ''}, got ${JSON.stringify(res.body)}`).toBeDefined();
  expect(error!.extensions?.code).toBe(code);
  if (rule) {
    expect(error!.extensions?.rule).toBe(rule);
    expect(error!.message).toContain(rule);
  }
  const data = res.body.data as Record<string, unknown> | null | undefined;
  if (data) for (const value of Object.values(data)) expect(value).toBeNull();
  // Every error names its request's decision id; what must match between two answers is the rest.
  expect(error!.extensions?.decisionId).toMatch(/^[0-9a-f-]{36}$/);
  const { decisionId: _decisionId, ...extensions } = error!.extensions ?? {};
  return { ...error, extensions } as { message: string; extensions: Record<string, unknown> };
}

/** The demo MoU version by reference, read straight from the database. */
export async function demoMouId(sql: (text: string, values?: unknown[]) => Promise<{ id: string }[]>, reference: string): Promise<string> {
  const [row] = await sql('SELECT id FROM mou WHERE reference = $1 AND version = 1', [reference]);
  return row!.id;
}
