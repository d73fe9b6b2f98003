/**
 * What the admin audit log records (issue 3, item 7): every lifecycle action and clause
 * change, successful or refused, the transitions the clock makes, and the administrative
 * consultations (impact previews, access explanations) that touch records.
 */
export const MOU_ADMIN_ACTIONS = [
  'CREATE_DRAFT', 'IMPORT', 'UPDATE_DRAFT', 'ADD_CLAUSE', 'UPDATE_CLAUSE', 'REMOVE_CLAUSE', 'VOID_APPROVALS',
  'SUBMIT', 'APPROVE', 'ACTIVATE', 'SUSPEND', 'RESUME', 'TERMINATE', 'AMEND', 'EXPIRE', 'SUPERSEDE',
  'PREVIEW_IMPACT', 'EXPLAIN_ACCESS',
  // Reference data (`liaison setup apply`): one event per change, and the production mark.
  'ADD_AGENCY', 'UPDATE_AGENCY', 'REMOVE_AGENCY', 'ADD_ROLE', 'UPDATE_ROLE', 'REMOVE_ROLE',
  'ADD_FACILITY', 'UPDATE_FACILITY', 'REMOVE_FACILITY', 'ADD_ISSUER', 'UPDATE_ISSUER', 'REMOVE_ISSUER', 'MARK_PRODUCTION',
] as const;
export type MouAdminAction = (typeof MOU_ADMIN_ACTIONS)[number];

export const ADMIN_EVENT_OUTCOMES = ['SUCCEEDED', 'REFUSED', 'FAILED'] as const;
export type AdminEventOutcome = (typeof ADMIN_EVENT_OUTCOMES)[number];

export const ADMIN_CHANNELS = ['GRAPHQL', 'CLI', 'SCHEDULER'] as const;
export type AdminChannel = (typeof ADMIN_CHANNELS)[number];
