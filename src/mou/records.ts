import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { MouStatus, OnwardDisclosure, Purpose, Tlp } from '../domain/enums.js';
import { MouApprovalEntity, MouClauseEntity, MouEntity } from '../entities/index.js';
import type { Clause } from '../policies/clause.js';
import { AUDITOR_ROLE, type MouActor, type MouLifecycleState } from './rules/mou-lifecycle.js';
import type { AgencyRoles, ClauseDraft, MouTermsDraft } from './rules/mou-validation.js';

/**
 * An MoU version as stored — its row, its clauses in order and every approval (voided ones
 * included) — and the conversions the lifecycle, validation, policy and audit code need.
 */
export interface MouRecord {
  mou: MouEntity;
  clauses: MouClauseEntity[];
  approvals: MouApprovalEntity[];
}

/** The caller as the MoU rules see them; an oversight auditor is an AUDITOR of an OVERSIGHT agency. */
export function mouActorOf(ctx: RequestContext): MouActor {
  const { agencyCode, roles, userId, issuer } = ctx.principal;
  const agency = ctx.snapshot.agencies.get(agencyCode);
  return { userId, issuer, agencyCode, roles, oversight: agency?.kind === 'OVERSIGHT' && roles.includes(AUDITOR_ROLE) };
}

/** Loads one MoU version; `lock` takes its row lock, serialising every change to it (two approvals at once). */
export async function loadMouRecord(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<MouRecord | null> {
  const qb = manager.getRepository(MouEntity).createQueryBuilder('m').where('m.id = :id', { id });
  if (options.lock) qb.setLock('pessimistic_write');
  const mou = await qb.getOne();
  if (!mou) return null;
  const [record] = await withParts(manager, [mou]);
  return record!;
}

/** Adds clauses and approvals to loaded MoU rows (two queries whatever the number of MoUs). */
export async function withParts(manager: EntityManager, mous: MouEntity[]): Promise<MouRecord[]> {
  if (mous.length === 0) return [];
  const ids = mous.map((m) => m.id);
  const clauses = await manager.getRepository(MouClauseEntity).createQueryBuilder('c')
    .where('c.mouId IN (:...ids)', { ids }).orderBy('c.mouId').addOrderBy('c.position').getMany();
  const approvals = await manager.getRepository(MouApprovalEntity).createQueryBuilder('a')
    .where('a.mouId IN (:...ids)', { ids }).orderBy('a.approvedAt').addOrderBy('a.id').getMany();
  return mous.map((mou) => ({
    mou,
    clauses: clauses.filter((c) => c.mouId === mou.id),
    approvals: approvals.filter((a) => a.mouId === mou.id),
  }));
}

export const currentApprovals = (record: MouRecord): MouApprovalEntity[] => record.approvals.filter((a) => a.voidedAt === null);

export function lifecycleStateOf(record: MouRecord): MouLifecycleState {
  const { mou } = record;
  return {
    reference: mou.reference,
    version: mou.version,
    status: mou.status,
    providerAgencyCode: mou.providerAgencyCode,
    recipientAgencyCode: mou.recipientAgencyCode,
    validFrom: mou.validFrom,
    validUntil: mou.validUntil,
    suspendedByAgencyCode: mou.suspendedByAgencyCode,
    authors: mou.authors,
    approvals: currentApprovals(record).map((a) => ({ agencyCode: a.agencyCode, userId: a.userId, issuer: a.issuer })),
  };
}

export function termsOf(mou: MouEntity): MouTermsDraft {
  return {
    reference: mou.reference,
    title: mou.title,
    providerAgencyCode: mou.providerAgencyCode,
    recipientAgencyCode: mou.recipientAgencyCode,
    legalBasis: mou.legalBasis,
    purposes: mou.purposes,
    validFrom: mou.validFrom,
    validUntil: mou.validUntil,
  };
}

export function clauseDraftOf(clause: MouClauseEntity): ClauseDraft {
  return {
    label: clause.label,
    subjectType: clause.subjectType,
    fields: clause.fields,
    conditions: clause.conditions,
    purposes: clause.purposes,
    recipientRoles: clause.recipientRoles,
    maxTlp: clause.maxTlp,
    onwardDisclosure: clause.onwardDisclosure,
    retentionDays: clause.retentionDays,
    caseReferenceRequired: clause.caseReferenceRequired,
    dailyRecordQuota: clause.dailyRecordQuota,
  };
}

/** The clauses as the policy engine sees them (for the impact preview). */
export function policyClausesOf(record: MouRecord): Clause[] {
  const { mou } = record;
  const terms = {
    id: mou.id,
    reference: mou.reference,
    version: mou.version,
    providerAgencyCode: mou.providerAgencyCode,
    recipientAgencyCode: mou.recipientAgencyCode,
    purposes: mou.purposes,
    status: mou.status,
    validFrom: mou.validFrom,
    validUntil: mou.validUntil,
  };
  return record.clauses.map((c) => ({
    id: c.id,
    label: c.label,
    mou: terms,
    subjectType: c.subjectType,
    fields: c.fields,
    conditions: c.conditions,
    purposes: c.purposes,
    recipientRoles: c.recipientRoles,
    maxTlp: c.maxTlp,
    onwardDisclosure: c.onwardDisclosure,
    retentionDays: c.retentionDays,
    caseReferenceRequired: c.caseReferenceRequired,
    dailyRecordQuota: c.dailyRecordQuota,
  }));
}

/** Agencies and their roles, read in the writing transaction (validation must see what is true now). */
export async function loadAgencyRoles(manager: EntityManager): Promise<AgencyRoles> {
  const rows = (await manager.query(`
    SELECT a.code, coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
      FROM agency a LEFT JOIN agency_role r ON r.agency_code = a.code GROUP BY a.code`)) as { code: string; roles: string[] }[];
  return new Map(rows.map((r) => [r.code, new Set(r.roles)]));
}

/** An MoU version as JSON for the admin audit log's before/after: the whole signed text and its state. */
export function auditSnapshotOf(record: MouRecord): Record<string, unknown> {
  const { mou } = record;
  return {
    id: mou.id,
    reference: mou.reference,
    version: mou.version,
    status: mou.status,
    title: mou.title,
    provider: mou.providerAgencyCode,
    recipient: mou.recipientAgencyCode,
    legalBasis: mou.legalBasis,
    purposes: mou.purposes,
    validFrom: mou.validFrom.toISOString(),
    validUntil: mou.validUntil?.toISOString() ?? null,
    statusReason: mou.statusReason,
    suspendedBy: mou.suspendedByAgencyCode,
    authors: mou.authors,
    approvals: currentApprovals(record).map((a) => ({ agency: a.agencyCode, user: a.userId, at: a.approvedAt.toISOString() })),
    clauses: record.clauses.map(clauseAuditSnapshot),
  };
}

export function clauseAuditSnapshot(clause: MouClauseEntity): Record<string, unknown> {
  return { id: clause.id, position: clause.position, ...clauseDraftOf(clause) };
}

/** Columns of a new clause row. */
export function clauseRow(mouId: string, position: number, draft: ClauseDraft): QueryDeepPartialEntity<MouClauseEntity> {
  return {
    mouId,
    position,
    label: draft.label.trim(),
    subjectType: draft.subjectType,
    fields: [...draft.fields],
    // jsonb: TypeORM serialises the object; the condition language is plain JSON.
    conditions: (draft.conditions ?? null) as QueryDeepPartialEntity<Record<string, unknown>> | null,
    purposes: [...draft.purposes] as Purpose[],
    recipientRoles: [...draft.recipientRoles],
    maxTlp: draft.maxTlp as Tlp,
    onwardDisclosure: draft.onwardDisclosure as OnwardDisclosure,
    retentionDays: draft.retentionDays,
    caseReferenceRequired: draft.caseReferenceRequired,
    dailyRecordQuota: draft.dailyRecordQuota,
  };
}

/** Inserts a new MoU version with its clauses (a draft, or a seeded/amended copy). */
export async function insertMouVersion(manager: EntityManager, input: {
  terms: MouTermsDraft;
  version: number;
  clauses: readonly ClauseDraft[];
  createdBy: string;
  authors: string[];
  status?: MouStatus;
}): Promise<MouRecord> {
  const { terms } = input;
  const inserted = await manager.getRepository(MouEntity).insert({
    reference: terms.reference,
    version: input.version,
    title: terms.title.trim(),
    providerAgencyCode: terms.providerAgencyCode,
    recipientAgencyCode: terms.recipientAgencyCode,
    legalBasis: terms.legalBasis.trim(),
    purposes: [...terms.purposes] as Purpose[],
    validFrom: terms.validFrom,
    validUntil: terms.validUntil,
    status: input.status ?? 'DRAFT',
    createdBy: input.createdBy,
    authors: input.authors,
  });
  const id = inserted.identifiers[0]!.id as string;
  if (input.clauses.length > 0) {
    await manager.getRepository(MouClauseEntity).insert(input.clauses.map((clause, position) => clauseRow(id, position, clause)));
  }
  return (await loadMouRecord(manager, id))!;
}
