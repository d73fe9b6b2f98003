import { AUDITOR_ROLE, logAuditDecision, logReadDecision, MOU_ADMIN_ROLE, OVERSIGHT_AGENCY_KIND, type LogReader } from '../audit/store/log-readers.js';
import type { MouAdminAction } from '../mou/rules/mou-admin-actions.js';
import { ROLE_MATRIX } from '../policies/role-matrix.js';

/**
 * Who may call each GraphQL operation — the one place that says so (docs/architecture.md §3.1). Every field of Query and Mutation has exactly one entry; the
 * schema is refused at build time if one lacks it (deny by default), and one guard
 * (operation-guard.ts) enforces the entries before any resolver runs. A snapshot test lists
 * them: a diff there is a change in who may call what, reviewed like the policy snapshot.
 *
 * These are rules about the *caller* only (roles, agency kind, declared purpose). Rules about
 * a *record* — is the caller's agency a party of this MoU, may it see this prisoner — stay
 * with the record, in the services and the policy.
 */

/** The caller as an audience sees them: nothing but the request's verified inputs. */
export type Caller = LogReader;

export interface AudienceRefusal {
  code: 'FORBIDDEN' | 'PURPOSE_REQUIRED';
  /** The rule the refusal names (`extensions.rule`, and in the message), when there is one. */
  rule: string | null;
  message: string;
}

const isOversightAuditor = (caller: Caller): boolean =>
  caller.agencyKind === OVERSIGHT_AGENCY_KIND && caller.roles.includes(AUDITOR_ROLE);
const isMouAdmin = (caller: Caller): boolean => caller.roles.includes(MOU_ADMIN_ROLE);
/** Holds a role that writes some kind of its own agency's records (the role matrix's create/update grants). */
const isRecordWriter = (caller: Caller): boolean =>
  caller.roles.some((role) => (ROLE_MATRIX[role] ?? []).some((grant) => grant.actions.includes('create') || grant.actions.includes('update')));

/** An audience's answer: admitted, or not — with the audience's own refusal when it words one. */
type Verdict = { admitted: true } | { admitted: false; refusal?: Omit<AudienceRefusal, 'rule'> };

const ADMITTED: Verdict = { admitted: true };
const NOT_ADMITTED: Verdict = { admitted: false };

/** The disclosure log's own decisions (audit/store/log-readers.ts) word their refusals, and tell PURPOSE_REQUIRED apart. */
const fromLogDecision = (decision: ReturnType<typeof logReadDecision>): Verdict =>
  decision.allowed ? ADMITTED : { admitted: false, refusal: { code: decision.code, message: decision.reason } };

export const AUDIENCES = {
  ANY_CALLER: {
    who: 'any authenticated caller of a known agency; what they see is decided record by record',
    admits: (): Verdict => ADMITTED,
  },
  MOU_ADMIN: {
    who: `holders of ${MOU_ADMIN_ROLE} (the service checks they act for a party to the MoU)`,
    admits: (caller: Caller): Verdict => (isMouAdmin(caller) ? ADMITTED : NOT_ADMITTED),
  },
  MOU_ADMIN_OR_AUDITOR: {
    who: `holders of ${MOU_ADMIN_ROLE}, and ${AUDITOR_ROLE}s of an ${OVERSIGHT_AGENCY_KIND} agency`,
    admits: (caller: Caller): Verdict => (isMouAdmin(caller) || isOversightAuditor(caller) ? ADMITTED : NOT_ADMITTED),
  },
  RECORD_WRITER: {
    who: 'staff whose roles write some kind of their own agency\'s records (the service checks the role matrix on the record\'s new state)',
    admits: (caller: Caller): Verdict => (isRecordWriter(caller) ? ADMITTED : NOT_ADMITTED),
  },
  RECORD_WRITER_OR_AUDITOR: {
    who: `staff whose roles write their agency's records, and ${AUDITOR_ROLE}s of an ${OVERSIGHT_AGENCY_KIND} agency`,
    admits: (caller: Caller): Verdict => (isRecordWriter(caller) || isOversightAuditor(caller) ? ADMITTED : NOT_ADMITTED),
  },
  LOG_READER: {
    who: `${AUDITOR_ROLE}s of an ${OVERSIGHT_AGENCY_KIND} agency and holders of ${MOU_ADMIN_ROLE}, declaring the purpose OVERSIGHT`,
    admits: (caller: Caller): Verdict => fromLogDecision(logReadDecision(caller)),
  },
  LOG_AUDITOR: {
    who: `${AUDITOR_ROLE}s of an ${OVERSIGHT_AGENCY_KIND} agency, declaring the purpose OVERSIGHT`,
    admits: (caller: Caller): Verdict => fromLogDecision(logAuditDecision(caller)),
  },
} as const satisfies Record<string, { who: string; admits: (caller: Caller) => Verdict }>;

export type Audience = keyof typeof AUDIENCES;

/** Where a refusal at the door is recorded, besides the request's own log line. */
export type RefusalRecord =
  /** In the MoU admin audit log, under this action (every administrative call is there, refused or not). */
  | { adminLog: MouAdminAction }
  /** In the disclosure log, as a denial (reads of the log are accountable too). */
  | { disclosureLog: string }
  | 'REQUEST_LOG';

export interface OperationAccess {
  audience: Audience;
  /** How a refusal reads: `Refused (<rule>): <because>; you hold <roles> at <agency>`. Log audiences give their own reason. */
  refusal?: { rule: string; because: string };
  recordedIn: RefusalRecord;
}

const anyCaller: OperationAccess = { audience: 'ANY_CALLER', recordedIn: 'REQUEST_LOG' };

/** An MoU administration command: MOU_ADMINs only, refused in the admin log under its action. */
const mouCommand = (action: MouAdminAction, doing: string): OperationAccess => ({
  audience: 'MOU_ADMIN',
  refusal: { rule: 'MOU_ADMIN_REQUIRED', because: `${doing} needs the ${MOU_ADMIN_ROLE} role of ${action === 'CREATE_DRAFT' ? 'the providing agency' : 'a party to the MoU'}` },
  recordedIn: { adminLog: action },
});

/** A write of the owner's records: refused at the door to callers whose roles write nothing (no MoU grants a write). */
const recordWrite: OperationAccess = {
  audience: 'RECORD_WRITER',
  refusal: { rule: 'RECORD_WRITER_REQUIRED', because: 'only staff of the owning agency whose roles write its records write them; no MoU grants a write' },
  recordedIn: 'REQUEST_LOG',
};

/** Webhook administration: the MOU_ADMINs of the agency whose systems receive the events. */
const webhookAdmin: OperationAccess = {
  audience: 'MOU_ADMIN',
  refusal: { rule: 'WEBHOOK_ADMIN_REQUIRED', because: `an agency's webhooks are administered by its ${MOU_ADMIN_ROLE}s` },
  recordedIn: 'REQUEST_LOG',
};

/** Every operation of the API, and who may call it. */
export const OPERATION_ACCESS: Readonly<Record<'Query' | 'Mutation' | 'Subscription', Readonly<Record<string, OperationAccess>>>> = {
  Query: {
    me: anyCaller,
    prisoner: anyCaller,
    prisoners: anyCaller,
    personSearch: anyCaller,
    riskFlags: anyCaller,
    riskAssessments: anyCaller,
    releasePlans: anyCaller,
    intelligenceReports: anyCaller,
    mous: anyCaller,
    mou: anyCaller,
    mouImpact: {
      audience: 'MOU_ADMIN_OR_AUDITOR',
      refusal: { rule: 'MOU_ADMIN_REQUIRED', because: `previewing an MoU's impact needs the ${MOU_ADMIN_ROLE} role of one of its parties, or the inspectorate's ${AUDITOR_ROLE} role` },
      recordedIn: { adminLog: 'PREVIEW_IMPACT' },
    },
    explainAccess: {
      audience: 'MOU_ADMIN_OR_AUDITOR',
      refusal: { rule: 'EXPLANATION_AUDIENCE', because: `explanations are given to ${MOU_ADMIN_ROLE}s (of the agency asked about or of the record's owner) and to the inspectorate's auditors` },
      recordedIn: { adminLog: 'EXPLAIN_ACCESS' },
    },
    mouAdminEvents: {
      audience: 'MOU_ADMIN_OR_AUDITOR',
      refusal: { rule: 'ADMIN_LOG_AUDIENCE', because: `the MoU admin audit log is read by ${MOU_ADMIN_ROLE}s of the parties and by the inspectorate's auditors` },
      recordedIn: 'REQUEST_LOG',
    },
    referenceData: {
      audience: 'MOU_ADMIN_OR_AUDITOR',
      refusal: { rule: 'REFERENCE_DATA_AUDIENCE', because: `reference data is read by ${MOU_ADMIN_ROLE}s and by the inspectorate's auditors` },
      recordedIn: 'REQUEST_LOG',
    },
    disclosures: { audience: 'LOG_READER', recordedIn: { disclosureLog: 'read the disclosure log' } },
    auditIntegrity: { audience: 'LOG_AUDITOR', recordedIn: { disclosureLog: 'verify the disclosure log' } },
    recordHistory: {
      audience: 'RECORD_WRITER_OR_AUDITOR',
      refusal: { rule: 'HISTORY_AUDIENCE', because: 'a record\'s history is read by the owner\'s staff who keep it and by the inspectorate\'s auditors; recipients see the current state only' },
      recordedIn: { disclosureLog: 'read a record\'s history' },
    },
    webhooks: webhookAdmin,
    webhookDeliveries: webhookAdmin,
    notices: anyCaller,
    issuedNotices: {
      audience: 'MOU_ADMIN_OR_AUDITOR',
      refusal: { rule: 'NOTICE_OWNER_AUDIENCE', because: `who acknowledged a notice is read by the record owner's ${MOU_ADMIN_ROLE}s and by the inspectorate's auditors` },
      recordedIn: 'REQUEST_LOG',
    },
  },
  Mutation: {
    createMouDraft: mouCommand('CREATE_DRAFT', 'drafting an MoU'),
    updateMouDraft: mouCommand('UPDATE_DRAFT', 'editing the terms of an MoU'),
    addMouClause: mouCommand('ADD_CLAUSE', 'adding a clause to an MoU'),
    updateMouClause: mouCommand('UPDATE_CLAUSE', 'editing a clause of an MoU'),
    removeMouClause: mouCommand('REMOVE_CLAUSE', 'removing a clause from an MoU'),
    submitMou: mouCommand('SUBMIT', 'submitting an MoU'),
    approveMou: mouCommand('APPROVE', 'approving an MoU'),
    suspendMou: mouCommand('SUSPEND', 'suspending an MoU'),
    resumeMou: mouCommand('RESUME', 'resuming an MoU'),
    terminateMou: mouCommand('TERMINATE', 'terminating an MoU'),
    amendMou: mouCommand('AMEND', 'amending an MoU'),
    sealDisclosureLog: { audience: 'LOG_AUDITOR', recordedIn: { disclosureLog: 'seal the disclosure log' } },
    raiseRiskFlag: recordWrite,
    updateRiskFlag: recordWrite,
    reviewRiskFlag: recordWrite,
    closeRiskFlag: recordWrite,
    upsertRiskFlags: recordWrite,
    registerPrisoner: recordWrite,
    updatePrisoner: recordWrite,
    upsertPrisoners: recordWrite,
    createReleasePlan: recordWrite,
    updateReleasePlan: recordWrite,
    upsertReleasePlans: recordWrite,
    withdrawRecord: recordWrite,
    createRiskAssessment: recordWrite,
    updateRiskAssessment: recordWrite,
    upsertRiskAssessments: recordWrite,
    createClassification: recordWrite,
    updateClassification: recordWrite,
    createIntervention: recordWrite,
    updateIntervention: recordWrite,
    createIntelligenceReport: recordWrite,
    updateIntelligenceReport: recordWrite,
    registerWebhook: webhookAdmin,
    rotateWebhookSecret: webhookAdmin,
    removeWebhook: webhookAdmin,
    redeliverWebhookDeliveries: webhookAdmin,
    acknowledgeNotice: anyCaller,
  },
  Subscription: {
    // Any caller: each event is decided at delivery with the caller's current access (src/alerts).
    recordChanges: anyCaller,
  },
};

/** The declaration of `operationType.fieldName`, or undefined when there is none (then the guard refuses). */
export function operationAccess(operationType: string, fieldName: string): OperationAccess | undefined {
  const table = OPERATION_ACCESS[operationType as 'Query' | 'Mutation' | 'Subscription'] as Readonly<Record<string, OperationAccess>> | undefined;
  return table && Object.hasOwn(table, fieldName) ? table[fieldName] : undefined;
}

/** Whether `caller` may call the operation; the refusal they get when not. Pure. */
export function audienceRefusal(access: OperationAccess, caller: Caller): AudienceRefusal | null {
  const verdict = AUDIENCES[access.audience].admits(caller);
  if (verdict.admitted) return null;
  if (verdict.refusal) return { ...verdict.refusal, rule: null };
  const refusal = access.refusal ?? { rule: 'AUDIENCE', because: `this operation is for ${AUDIENCES[access.audience].who}` };
  return {
    code: 'FORBIDDEN',
    rule: refusal.rule,
    message: `Refused (${refusal.rule}): ${refusal.because}; you hold ${caller.roles.join(', ') || 'no role'} at ${caller.agencyCode}`,
  };
}
