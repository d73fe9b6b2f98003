import { MOU_STATUSES } from '../domain/enums.js';
import { ADMIN_CHANNELS, ADMIN_EVENT_OUTCOMES, MOU_ADMIN_ACTIONS } from '../mou/rules/mou-admin-actions.js';
import { ACCESS_REASON_KINDS, CLAUSE_VERDICT_KINDS } from '../policies/access-explanation.js';
import { graphqlEnum } from './enums.type.js';

export const MouStatus = graphqlEnum(MOU_STATUSES, 'MouStatus',
  'Lifecycle of an MoU version: DRAFT → PENDING_APPROVAL → APPROVED → ACTIVE (from validFrom) → EXPIRED (at validUntil); SUSPENDED, TERMINATED and SUPERSEDED. Only ACTIVE grants access.');
export const MouAdminAction = graphqlEnum(MOU_ADMIN_ACTIONS, 'MouAdminAction', 'What an entry of the MoU admin audit log records.');
export const AdminEventOutcome = graphqlEnum(ADMIN_EVENT_OUTCOMES, 'AdminEventOutcome', 'Whether the action took effect, was refused by a rule, or failed.');
export const AdminChannel = graphqlEnum(ADMIN_CHANNELS, 'AdminChannel', 'Where an administrative action came from: the API, the command line, or the gateway\'s lifecycle clock.');
export const AccessReasonKind = graphqlEnum(ACCESS_REASON_KINDS, 'AccessReasonKind', 'What decided an access explanation.');
export const ClauseVerdictKind = graphqlEnum(CLAUSE_VERDICT_KINDS, 'ClauseVerdictKind', 'What one clause does for the record asked about, first failing test first.');
export const ExplanationDetail = graphqlEnum(['FULL', 'LIMITED'] as const, 'ExplanationDetail',
  'FULL: the explanation of this record. LIMITED: computed from the policy alone, because the asker may not learn whether this record meets any clause (identical for a record that does not exist).');
