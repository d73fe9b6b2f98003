import type { MouStatus } from '../../domain/enums.js';

/**
 * The MoU lifecycle as pure rules: which status may follow which, who may do what to an MoU
 * in which status, and what time does to it. The services apply these decisions inside a
 * transaction holding the MoU's row lock; the migration's trigger repeats the status graph.
 *
 *   DRAFT ──submit──▶ PENDING_APPROVAL ──approve × both parties──▶ APPROVED ──validFrom──▶ ACTIVE
 *     ▲                    │  (an edit voids the approvals and returns it to DRAFT)          │
 *     └────────edit────────┘                                                  suspend ▲│ resume
 *   ACTIVE / SUSPENDED / APPROVED ──validUntil──▶ EXPIRED              (by either)    │▼ (by the suspender)
 *   ACTIVE / SUSPENDED / APPROVED ──version n+1 activates──▶ SUPERSEDED           SUSPENDED
 *   any status but the final ones ──terminate (either party)──▶ TERMINATED
 *
 * EXPIRED, TERMINATED and SUPERSEDED are final. Nothing is ever deleted.
 */

export const MOU_TRANSITIONS: Readonly<Record<MouStatus, readonly MouStatus[]>> = {
  DRAFT: ['PENDING_APPROVAL', 'TERMINATED'],
  PENDING_APPROVAL: ['DRAFT', 'APPROVED', 'TERMINATED'],
  APPROVED: ['ACTIVE', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'],
  ACTIVE: ['SUSPENDED', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'],
  SUSPENDED: ['ACTIVE', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'],
  EXPIRED: [],
  TERMINATED: [],
  SUPERSEDED: [],
};

export const canTransition = (from: MouStatus, to: MouStatus): boolean => MOU_TRANSITIONS[from].includes(to);

export const isFinal = (status: MouStatus): boolean => MOU_TRANSITIONS[status].length === 0;

/** Statuses whose terms and clauses may still be edited (by the provider). */
export const EDITABLE_STATUSES: readonly MouStatus[] = ['DRAFT', 'PENDING_APPROVAL'];

/** Statuses an amendment may start from: the version in force, or suspended pending a fix. */
export const AMENDABLE_STATUSES: readonly MouStatus[] = ['ACTIVE', 'SUSPENDED'];

/** Statuses a newly activated version supersedes in its predecessors. */
export const SUPERSEDABLE_STATUSES: readonly MouStatus[] = ['APPROVED', 'ACTIVE', 'SUSPENDED'];

/** The longest reason recorded for a submission, approval, suspension, resumption, termination or amendment. */
export const MAX_REASON_LENGTH = 2_000;

/** The role that administers MoUs at each agency. */
export const MOU_ADMIN_ROLE = 'MOU_ADMIN';
/** The role of the oversight body's inspectors, who may read every MoU and its log. */
export const AUDITOR_ROLE = 'AUDITOR';

/** Actions a person takes on an existing MoU. (Creating a draft is `draftRefusal`.) */
export type MouCommand =
  | 'UPDATE_DRAFT' | 'ADD_CLAUSE' | 'UPDATE_CLAUSE' | 'REMOVE_CLAUSE'
  | 'SUBMIT' | 'APPROVE' | 'SUSPEND' | 'RESUME' | 'TERMINATE' | 'AMEND';

/** What the command does, in words, for refusal messages. */
const DOING: Readonly<Record<MouCommand, string>> = {
  UPDATE_DRAFT: 'editing the terms of',
  ADD_CLAUSE: 'adding a clause to',
  UPDATE_CLAUSE: 'editing a clause of',
  REMOVE_CLAUSE: 'removing a clause from',
  SUBMIT: 'submitting',
  APPROVE: 'approving',
  SUSPEND: 'suspending',
  RESUME: 'resuming',
  TERMINATE: 'terminating',
  AMEND: 'amending',
};

/** The statuses in which each command applies. */
const APPLIES_IN: Readonly<Record<MouCommand, readonly MouStatus[]>> = {
  UPDATE_DRAFT: EDITABLE_STATUSES,
  ADD_CLAUSE: EDITABLE_STATUSES,
  UPDATE_CLAUSE: EDITABLE_STATUSES,
  REMOVE_CLAUSE: EDITABLE_STATUSES,
  SUBMIT: ['DRAFT'],
  APPROVE: ['PENDING_APPROVAL'],
  SUSPEND: ['ACTIVE'],
  RESUME: ['SUSPENDED'],
  TERMINATE: ['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'SUSPENDED'],
  AMEND: AMENDABLE_STATUSES,
};

/** Drafting is the provider's: the data controller writes the grant; the recipient approves it or not. */
const PROVIDER_ONLY: ReadonlySet<MouCommand> = new Set(['UPDATE_DRAFT', 'ADD_CLAUSE', 'UPDATE_CLAUSE', 'REMOVE_CLAUSE', 'SUBMIT', 'AMEND']);

/** Commands that must say why (either party suspends at once when something goes wrong, and says why: docs/architecture.md §7). */
const REASON_REQUIRED: ReadonlySet<MouCommand> = new Set(['SUSPEND', 'TERMINATE']);

export interface MouActor {
  userId: string;
  /** The token issuer that vouched for `userId`: a person is an issuer and a subject. */
  issuer: string;
  agencyCode: string;
  roles: readonly string[];
  /** An AUDITOR of an oversight agency: reads every MoU, changes none. */
  oversight: boolean;
}

export interface CurrentApproval {
  agencyCode: string;
  userId: string;
  /** Null for approvals recorded before issuers were. */
  issuer: string | null;
}

/** What the lifecycle rules need to know of an MoU. */
export interface MouLifecycleState {
  reference: string;
  version: number;
  status: MouStatus;
  providerAgencyCode: string;
  recipientAgencyCode: string;
  validFrom: Date;
  validUntil: Date | null;
  suspendedByAgencyCode: string | null;
  /** `actorKey` of everyone who drafted or edited this version. */
  authors: readonly string[];
  /** Approvals not voided. */
  approvals: readonly CurrentApproval[];
}

/** The named rule that refused an action; each is listed in the README. */
export type MouRule =
  | 'NOT_A_PARTY' | 'MOU_ADMIN_REQUIRED' | 'PROVIDER_ONLY' | 'STATUS' | 'REASON_REQUIRED'
  | 'VALIDITY_ENDED' | 'ALREADY_APPROVED' | 'AUTHOR_MAY_NOT_APPROVE' | 'ONE_PERSON_ONE_APPROVAL'
  | 'SUSPENDING_PARTY_RESUMES' | 'AMENDMENT_IN_PROGRESS' | 'REFERENCE_TAKEN' | 'INVALID_MOU'
  | 'EXPLANATION_AUDIENCE' | 'IMPACT_PREVIEW_STATUS' | 'ADMIN_LOG_AUDIENCE';

export interface Refusal {
  /** The contract error code the caller receives. */
  code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_USER_INPUT';
  rule: MouRule;
  message: string;
}

export const actorKey = (agencyCode: string, userId: string): string => `${agencyCode}:${userId}`;

export const describeMou = (mou: Pick<MouLifecycleState, 'reference' | 'version'>): string => `${mou.reference} v${mou.version}`;

export const isParty = (agencyCode: string, mou: Pick<MouLifecycleState, 'providerAgencyCode' | 'recipientAgencyCode'>): boolean =>
  agencyCode === mou.providerAgencyCode || agencyCode === mou.recipientAgencyCode;

/**
 * Who may see an MoU: the staff of its two parties and the oversight body's auditors
 * (issue 3). Everyone else is answered as if it did not exist.
 */
export const canSeeMou = (actor: MouActor, mou: Pick<MouLifecycleState, 'providerAgencyCode' | 'recipientAgencyCode'>): boolean =>
  actor.oversight || isParty(actor.agencyCode, mou);

const isMouAdmin = (actor: MouActor): boolean => actor.roles.includes(MOU_ADMIN_ROLE);

/** The refusal every invisible MoU gets: word for word the answer for an id that does not exist. */
export const MOU_NOT_FOUND: Refusal = { code: 'NOT_FOUND', rule: 'NOT_A_PARTY', message: 'MoU not found' };

/** Whether `actor` may draft a new MoU for their agency (as its provider). */
export function draftRefusal(actor: MouActor): Refusal | null {
  if (!isMouAdmin(actor)) {
    return {
      code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED',
      message: `Refused (MOU_ADMIN_REQUIRED): drafting an MoU needs the ${MOU_ADMIN_ROLE} role of the providing agency; you hold ${actor.roles.join(', ') || 'no role'} at ${actor.agencyCode}`,
    };
  }
  return null;
}

/**
 * Whether `actor` may perform `command` on the MoU now, and if not the rule that refuses it.
 * The checks run from "who" to "what": visibility, role and party, then status and timing,
 * then the command's own rules — so the refusal names the most basic reason.
 */
export function commandRefusal(
  command: MouCommand,
  actor: MouActor,
  mou: MouLifecycleState,
  now: Date,
  options: { reason?: string | null } = {},
): Refusal | null {
  const what = describeMou(mou);
  const doing = DOING[command];
  if (!canSeeMou(actor, mou)) return MOU_NOT_FOUND;
  const parties = PROVIDER_ONLY.has(command)
    ? mou.providerAgencyCode
    : `${mou.providerAgencyCode} or ${mou.recipientAgencyCode}`;
  if (!isMouAdmin(actor) || !isParty(actor.agencyCode, mou)) {
    return {
      code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED',
      message: `Refused (MOU_ADMIN_REQUIRED): ${doing} ${what} needs the ${MOU_ADMIN_ROLE} role of ${parties}; you hold ${actor.roles.join(', ') || 'no role'} at ${actor.agencyCode}`,
    };
  }
  if (PROVIDER_ONLY.has(command) && actor.agencyCode !== mou.providerAgencyCode) {
    return {
      code: 'FORBIDDEN', rule: 'PROVIDER_ONLY',
      message: `Refused (PROVIDER_ONLY): ${doing} ${what} is for the provider, ${mou.providerAgencyCode}; ${mou.recipientAgencyCode} approves or declines the text`,
    };
  }
  if (!APPLIES_IN[command].includes(mou.status)) {
    return {
      code: 'BAD_USER_INPUT', rule: 'STATUS',
      message: `Refused (STATUS): ${what} is ${mou.status}; ${doing} an MoU applies only when it is ${APPLIES_IN[command].join(' or ')}`,
    };
  }
  if (REASON_REQUIRED.has(command) && !options.reason?.trim()) {
    return {
      code: 'BAD_USER_INPUT', rule: 'REASON_REQUIRED',
      message: `Refused (REASON_REQUIRED): ${doing} ${what} needs a reason, recorded in the admin audit log`,
    };
  }
  if ((options.reason?.length ?? 0) > MAX_REASON_LENGTH) {
    return {
      code: 'BAD_USER_INPUT', rule: 'REASON_REQUIRED',
      message: `Refused (REASON_REQUIRED): the reason for ${doing} ${what} must be at most ${MAX_REASON_LENGTH} characters`,
    };
  }
  const ended = mou.validUntil !== null && mou.validUntil.getTime() <= now.getTime();
  if (ended && (command === 'SUBMIT' || command === 'APPROVE' || command === 'RESUME')) {
    return {
      code: 'BAD_USER_INPUT', rule: 'VALIDITY_ENDED',
      message: `Refused (VALIDITY_ENDED): ${what} was valid until ${mou.validUntil!.toISOString()}; it can no longer come into force`,
    };
  }
  if (command === 'APPROVE') return approvalRefusal(actor, mou);
  if (command === 'RESUME' && actor.agencyCode !== mou.suspendedByAgencyCode) {
    return {
      code: 'FORBIDDEN', rule: 'SUSPENDING_PARTY_RESUMES',
      message: `Refused (SUSPENDING_PARTY_RESUMES): ${what} was suspended by ${mou.suspendedByAgencyCode ?? 'the other party'}; only that party can resume it`,
    };
  }
  return null;
}

/** Four eyes and one signature per party, per person. */
function approvalRefusal(actor: MouActor, mou: MouLifecycleState): Refusal | null {
  const what = describeMou(mou);
  const own = mou.approvals.find((a) => a.agencyCode === actor.agencyCode);
  if (own) {
    return {
      code: 'BAD_USER_INPUT', rule: 'ALREADY_APPROVED',
      message: `Refused (ALREADY_APPROVED): ${what} is already approved for ${actor.agencyCode} by ${own.userId}`,
    };
  }
  if (mou.authors.includes(actorKey(actor.agencyCode, actor.userId))) {
    return {
      code: 'FORBIDDEN', rule: 'AUTHOR_MAY_NOT_APPROVE',
      message: `Refused (AUTHOR_MAY_NOT_APPROVE): ${actor.userId} drafted or edited ${what}; another ${MOU_ADMIN_ROLE} of ${actor.agencyCode} must approve it`,
    };
  }
  // The same person: the same subject from the same issuer ("alice" at two identity providers is two people).
  if (mou.approvals.some((a) => a.issuer === actor.issuer && a.userId === actor.userId)) {
    return {
      code: 'FORBIDDEN', rule: 'ONE_PERSON_ONE_APPROVAL',
      message: `Refused (ONE_PERSON_ONE_APPROVAL): ${actor.userId} already approved ${what} for the other party; one person cannot approve for both`,
    };
  }
  return null;
}

/**
 * Where an MoU goes once an approval is added: nowhere until both parties have approved;
 * then APPROVED, and ACTIVE at once if its validity has begun (the path is returned so that
 * each step is logged).
 */
export function statusesAfterApproval(mou: MouLifecycleState, now: Date): MouStatus[] {
  const approved = new Set(mou.approvals.map((a) => a.agencyCode));
  if (!approved.has(mou.providerAgencyCode) || !approved.has(mou.recipientAgencyCode)) return [];
  const due = timeTransition({ ...mou, status: 'APPROVED' }, now);
  return due === 'ACTIVE' ? ['APPROVED', 'ACTIVE'] : due === 'EXPIRED' ? ['APPROVED', 'EXPIRED'] : ['APPROVED'];
}

/**
 * What the clock does to an MoU: an APPROVED one becomes ACTIVE when `validFrom` is reached;
 * an APPROVED, ACTIVE or SUSPENDED one EXPIRES when `validUntil` has passed (access already
 * stops at `validUntil` whatever the status says: clause.ts `isInForce`).
 */
export function timeTransition(
  mou: Pick<MouLifecycleState, 'status' | 'validFrom' | 'validUntil'>,
  now: Date,
): 'ACTIVE' | 'EXPIRED' | null {
  const t = now.getTime();
  if (!SUPERSEDABLE_STATUSES.includes(mou.status)) return null;
  if (mou.validUntil !== null && mou.validUntil.getTime() <= t) return 'EXPIRED';
  if (mou.status === 'APPROVED' && mou.validFrom.getTime() <= t) return 'ACTIVE';
  return null;
}

/** An edit of a submitted MoU sends it back to DRAFT: the parties approve the text they see. */
export const statusAfterEdit = (status: MouStatus): MouStatus => (status === 'PENDING_APPROVAL' ? 'DRAFT' : status);

/** The parties whose approval is still missing. */
export function awaitingApproval(mou: Pick<MouLifecycleState, 'status' | 'providerAgencyCode' | 'recipientAgencyCode' | 'approvals'>): string[] {
  if (mou.status !== 'PENDING_APPROVAL') return [];
  const approved = new Set(mou.approvals.map((a) => a.agencyCode));
  return [mou.providerAgencyCode, mou.recipientAgencyCode].filter((code) => !approved.has(code));
}
