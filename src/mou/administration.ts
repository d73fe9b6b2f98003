import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { MouAdminAction } from './rules/mou-admin-actions.js';
import { LiaisonError, notFound, refusedByRule } from '../errors.js';
import { commandRefusal, type MouActor, type MouCommand, type Refusal } from './rules/mou-lifecycle.js';
import { AdminJournal, adminActorOf, appendAdminEvent, type EventSubject } from './admin-log.js';
import { auditSnapshotOf, lifecycleStateOf, loadMouRecord, type MouRecord } from './records.js';

/** What a running action has learnt, so that a refusal can be logged against the right MoU. */
export interface ActionScope {
  record: MouRecord | null;
  mouId: string | null;
  clauseId: string | null;
  reason: string | null;
}

export const subjectOf = (record: MouRecord): EventSubject => record.mou;

/** Throws the refusal, if any (the runner logs it). */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw refusedByRule(refusal);
}

/**
 * Loads the MoU to act on under its row lock (serialising every change to it, e.g. two
 * approvals at once), records it in the scope, and checks the actor may perform `command`.
 */
export async function lockForCommand(
  tx: EntityManager, scope: ActionScope, actor: MouActor, command: MouCommand, id: string, now: Date, reason?: string | null,
): Promise<MouRecord> {
  scope.mouId = id;
  scope.reason = reason ?? null;
  const record = await loadMouRecord(tx, id, { lock: true });
  if (!record) throw notFound('MoU');
  scope.record = record;
  refuse(commandRefusal(command, actor, lifecycleStateOf(record), now, { reason }));
  return record;
}

/** Unique indexes whose violation by a concurrent request is a refusal, not a fault. */
const CONCURRENT_REFUSALS: Record<string, Refusal> = {
  mou_reference_version_key: { code: 'BAD_USER_INPUT', rule: 'REFERENCE_TAKEN', message: 'Refused (REFERENCE_TAKEN): another request created this MoU version at the same time; reload and retry' },
  mou_one_in_preparation_per_reference: { code: 'BAD_USER_INPUT', rule: 'AMENDMENT_IN_PROGRESS', message: 'Refused (AMENDMENT_IN_PROGRESS): another version of this MoU is already being prepared' },
  mou_approval_current_idx: { code: 'BAD_USER_INPUT', rule: 'ALREADY_APPROVED', message: 'Refused (ALREADY_APPROVED): this party approved the MoU at the same time' },
};

function asRefusal(error: unknown): LiaisonError | null {
  if (error instanceof LiaisonError) return error;
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  const refusal = code === '23505' && constraint ? CONCURRENT_REFUSALS[constraint] : undefined;
  return refusal ? refusedByRule(refusal) : null;
}

/**
 * Runs one MoU administration action: in one transaction, with its audit events written in
 * that transaction; on refusal, the change is rolled back and the refusal is logged (with the
 * MoU's state as it stands and the request as it was made), then the refusal is returned to
 * the caller. After a commit the request notes the new policy revision in what it disclosed;
 * the response plugin moves this process to it before the response leaves.
 */
export async function administer<T>(
  ctx: RequestContext,
  action: MouAdminAction,
  request: Record<string, unknown>,
  work: (tx: EntityManager, journal: AdminJournal, scope: ActionScope) => Promise<T>,
  options: { isolation?: 'READ COMMITTED' | 'REPEATABLE READ' } = {},
): Promise<T> {
  const actor = adminActorOf(ctx);
  const scope: ActionScope = { record: null, mouId: null, clauseId: null, reason: null };
  try {
    const { result, revision } = await ctx.dataSource.transaction(options.isolation ?? 'READ COMMITTED', async (tx) => {
      const result = await work(tx, new AdminJournal(tx, actor), scope);
      const [state] = (await tx.query('SELECT revision FROM policy_state WHERE id = 1')) as { revision: string }[];
      return { result, revision: Number(state?.revision ?? 0) };
    });
    ctx.disclosures.policyChanged(revision);
    return result;
  } catch (error) {
    const refusal = asRefusal(error);
    await logRefusedAction(ctx, action, request, refusal ?? error, scope);
    throw refusal ?? error;
  }
}

/**
 * Writes a refused (or failed) action to the admin log, on its own after any change was
 * rolled back, with the MoU's state as it stands and the request as it was made. Used by
 * `administer`, and by the operation guard for callers refused at the door (no MoU loaded:
 * the event is read by the caller's own agency and by the auditors). A failure to write it
 * is logged; the caller still receives the refusal.
 */
export async function logRefusedAction(
  ctx: RequestContext,
  action: MouAdminAction,
  request: unknown,
  error: unknown,
  scope: ActionScope = { record: null, mouId: null, clauseId: null, reason: null },
): Promise<void> {
  const actor = adminActorOf(ctx);
  const refusal = error instanceof LiaisonError ? error : null;
  const code = refusal ? String(refusal.extensions.code) : 'INTERNAL_SERVER_ERROR';
  try {
    await appendAdminEvent(ctx.dataSource.manager, actor, {
      action,
      outcome: refusal ? 'REFUSED' : 'FAILED',
      mou: scope.record ? subjectOf(scope.record) : null,
      // Who reads a refusal: the parties of the MoU it concerns; when it concerns none, the
      // actor's own agency — except NOT_FOUND, which the actor's agency must not be able to
      // tell apart from a refusal about an MoU it may not see (auditors read both).
      ...(scope.record ? {} : { parties: code === 'NOT_FOUND' ? [] : [actor.agencyCode ?? ''] }),
      mouId: scope.mouId,
      clauseId: scope.clauseId,
      reason: scope.reason,
      refusal: {
        code,
        rule: typeof refusal?.extensions.rule === 'string'
          ? refusal.extensions.rule
          : code === 'NOT_FOUND' ? (scope.record ? 'NOT_A_PARTY' : 'NO_SUCH_MOU') : null,
        message: refusal?.message ?? (error as Error).message,
      },
      request,
      before: scope.record ? auditSnapshotOf(scope.record) : null,
    });
  } catch (logError) {
    ctx.log.error({ err: logError as Error, action }, 'admin audit log: a refused action could not be recorded');
  }
}
