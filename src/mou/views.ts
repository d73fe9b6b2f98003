import type { RequestContext } from '../context/request-context.js';
import { isInForce } from '../policies/clause.js';
import { awaitingApproval } from './rules/mou-lifecycle.js';
import { lifecycleStateOf, type MouRecord } from './records.js';
import type { ClauseVocabulary, WrittenClause } from '../policies/clause.js';
import { agencyRef, type AgencyRef } from '../enforcement/record-view.js';

/** An MoU version as the API shows it to the parties and the inspectorate. */
export interface MouView {
  id: string;
  reference: string;
  version: number;
  title: string;
  provider: AgencyRef;
  recipient: AgencyRef;
  legalBasis: string;
  purposes: string[];
  validFrom: Date;
  validUntil: Date | null;
  status: string;
  inForce: boolean;
  statusReason: string | null;
  statusChangedAt: Date | null;
  suspendedBy: AgencyRef | null;
  createdBy: string;
  authors: string[];
  createdAt: Date;
  updatedAt: Date;
  approvals: MouApprovalView[];
  awaitingApprovalFrom: AgencyRef[];
  clauses: MouClauseView[];
}

export interface MouApprovalView {
  agency: AgencyRef;
  userId: string;
  approvedAt: Date;
  voidedAt: Date | null;
  voidReason: string | null;
}

/** A clause as the API shows it (`MouClause`): the written terms, with its id and position. */
export type MouClauseView = WrittenClause<ClauseVocabulary> & {
  id: string;
  position: number;
  conditions: Record<string, unknown> | null;
  dailyRecordQuota: number | null;
};

export function mouView(ctx: RequestContext, record: MouRecord): MouView {
  const { mou } = record;
  const state = lifecycleStateOf(record);
  return {
    id: mou.id,
    reference: mou.reference,
    version: mou.version,
    title: mou.title,
    provider: agencyRef(ctx, mou.providerAgencyCode),
    recipient: agencyRef(ctx, mou.recipientAgencyCode),
    legalBasis: mou.legalBasis,
    purposes: [...mou.purposes],
    validFrom: mou.validFrom,
    validUntil: mou.validUntil,
    status: mou.status,
    inForce: isInForce({ ...state, id: mou.id, purposes: mou.purposes }, ctx.now),
    statusReason: mou.statusReason,
    statusChangedAt: mou.statusChangedAt,
    suspendedBy: mou.status === 'SUSPENDED' && mou.suspendedByAgencyCode ? agencyRef(ctx, mou.suspendedByAgencyCode) : null,
    createdBy: mou.createdBy,
    authors: [...mou.authors],
    createdAt: mou.createdAt,
    updatedAt: mou.updatedAt,
    approvals: record.approvals.map((a) => ({
      agency: agencyRef(ctx, a.agencyCode), userId: a.userId, approvedAt: a.approvedAt, voidedAt: a.voidedAt, voidReason: a.voidReason,
    })),
    awaitingApprovalFrom: awaitingApproval(state).map((code) => agencyRef(ctx, code)),
    clauses: record.clauses.map((c) => ({
      id: c.id,
      position: c.position,
      label: c.label,
      subject: c.subjectType,
      fields: [...c.fields],
      conditions: c.conditions,
      purposes: [...c.purposes],
      recipientRoles: [...c.recipientRoles],
      maxTlp: c.maxTlp,
      onwardDisclosure: c.onwardDisclosure,
      retentionDays: c.retentionDays,
      caseReferenceRequired: c.caseReferenceRequired,
      dailyRecordQuota: c.dailyRecordQuota,
    })),
  };
}
