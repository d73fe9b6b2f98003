import type { PresentedRecord } from '../context/request-disclosure.js';
import type { RequestContext } from '../context/request-context.js';
import { stricterOnward, type OnwardDisclosure } from '../domain/enums.js';
import type { SharedRecord } from '../entities/shared-record.js';
import { redactionReasonFor, type RedactionReason, type RowDecision } from '../policies/compiled-policy.js';
import { SUBJECTS, type SubjectType } from '../policies/subjects.js';
import { RecordRedactions } from './record-redactions.js';

/** Marks a presented record; the field resolver finds the record's redactions through it. */
export const RECORD = Symbol('liaison.record');

/** The owning prisoner's id, kept off the GraphQL fields; `prisoner` resolves it under the Prisoner policy. */
export const PRISONER_ID = Symbol('liaison.prisonerId');

/** The record's own redactions (its `redactions` field), filled as fields are withheld. */
export const REDACTIONS = Symbol('liaison.redactions');

export type RecordView = Record<string, unknown> & { [RECORD]: PresentedRecord; [PRISONER_ID]?: string; [REDACTIONS]: RecordRedactions };

export interface AgencyRef {
  code: string;
  name: string;
  kind: string;
}

/** Handling marks, as they travel with the record to its recipient (LED Art. 9). */
export interface HandlingView {
  tlp: string;
  handlingCode: string | null;
  onwardDisclosure: OnwardDisclosure;
  /** When the recipient must have erased its copy: the shortest retention of the clauses that allowed it. */
  retentionUntil: string | null;
}

/** A field computed from another: visible exactly when its source field is. */
export interface DerivedField<R> {
  from: string;
  compute: (row: R, ctx: RequestContext) => unknown;
}

const DAY_MS = 86_400_000;

export function agencyRef(ctx: RequestContext, code: string): AgencyRef {
  return ctx.once(`agency:${code}`, () => {
    const agency = ctx.snapshot.agencies.get(code);
    return { code, name: agency?.name ?? code, kind: agency?.kind ?? 'OTHER' };
  });
}

/**
 * How rows sharing one policy decision are presented: the granted fields to copy, the
 * withheld ones with their reasons (one shared, read-only map), and the handling terms of
 * the clauses behind them. Computed once per decision.
 */
interface PresentationPlan {
  copy: readonly string[];
  withheld: ReadonlyMap<string, RedactionReason>;
  derive: readonly [string, DerivedField<never>][];
  /** Stricter of the clauses' onward-disclosure rules; null for own-agency reads. */
  clauseOnward: OnwardDisclosure | null;
  /** Shortest retention of the clauses, in days; null for own-agency reads. */
  retentionDays: number | null;
}

const plans = new WeakMap<RowDecision, Map<string, PresentationPlan>>();

function planFor(subject: SubjectType, decision: RowDecision, derived: Record<string, DerivedField<never>>): PresentationPlan {
  const derivedKey = Object.keys(derived).join(',');
  let bySubject = plans.get(decision);
  if (!bySubject) {
    bySubject = new Map();
    plans.set(decision, bySubject);
  }
  let plan = bySubject.get(derivedKey);
  if (!plan) {
    const withheld = new Map<string, RedactionReason>();
    const copy: string[] = [];
    for (const field of SUBJECTS[subject].fields) {
      if (field === 'id') continue;
      if (decision.fields.has(field)) copy.push(field);
      else withheld.set(field, redactionReasonFor(subject, field));
    }
    const derive: [string, DerivedField<never>][] = [];
    for (const [field, rule] of Object.entries(derived)) {
      if (SUBJECTS[subject].computed?.[field] !== rule.from) {
        throw new Error(`presentRecord: ${subject}.${field} is not declared as computed from ${rule.from} in the subject catalogue`);
      }
      const reason = withheld.get(rule.from);
      if (reason) withheld.set(field, reason);
      else derive.push([field, rule]);
    }
    const { clauses } = decision;
    plan = {
      copy, withheld, derive,
      clauseOnward: clauses.length ? clauses.reduce<OnwardDisclosure>((acc, c) => stricterOnward(acc, c.onwardDisclosure), 'PERMITTED') : null,
      retentionDays: clauses.length ? Math.min(...clauses.map((c) => c.retentionDays)) : null,
    };
    bySubject.set(derivedKey, plan);
  }
  return plan;
}

/**
 * Presents a loaded row as the caller may see it (docs/architecture.md §3.3): the fields the
 * policy grants on *this row*, the always-visible identity and handling, and nothing else.
 * Withheld values are never copied into the view, so no resolver can leak them; the view
 * remembers why each was withheld, for the redaction list and the disclosure log.
 *
 * `values` gives each grantable field's value; functions are resolved lazily by GraphQL
 * (e.g. a batched load of names), and only ever for granted fields.
 * Returns null for a row the in-memory policy refuses although SQL selected it — a defect
 * in the SQL translation, logged and failed closed.
 */
export function presentRecord<R extends SharedRecord>(
  ctx: RequestContext,
  subject: SubjectType,
  row: R,
  values: Record<string, unknown>,
  derived: Record<string, DerivedField<R>> = {},
): RecordView | null {
  const decision = ctx.policy.decide(subject, row);
  if (!decision.readable) {
    ctx.log.error({ subject, id: row.id }, 'policy disagreement: SQL selected a row the ability refuses; withheld');
    return null;
  }
  const plan = planFor(subject, decision, derived as Record<string, DerivedField<never>>);
  const view: Record<string, unknown> = {
    id: row.id,
    ownerAgency: agencyRef(ctx, row.ownerAgencyCode),
    handling: handlingOf(ctx, row, plan),
  };
  for (const field of plan.copy) view[field] = values[field];
  for (const [field, rule] of plan.derive) view[field] = (rule as DerivedField<R>).compute(row, ctx);
  const record: PresentedRecord = {
    subject,
    id: row.id,
    prisonerId: subject === 'Prisoner' ? row.id : owningPrisonerId(row),
    ownerAgencyCode: row.ownerAgencyCode,
    clauseIds: decision.clauseIds,
    withheld: plan.withheld,
    returned: new Set(),
    redacted: new Set(),
  };
  ctx.disclosures.track(record);
  // Symbol keys: invisible to GraphQL's field lookup, to JSON and to Object.keys.
  view[RECORD as unknown as string] = record;
  view[REDACTIONS as unknown as string] = new RecordRedactions();
  if ('prisonerId' in row) view[PRISONER_ID as unknown as string] = row.prisonerId;
  return view as RecordView;
}

/** The prisoner a record belongs to, for records that belong to one. */
function owningPrisonerId(row: SharedRecord): string | null {
  const prisonerId = (row as { prisonerId?: unknown }).prisonerId;
  return typeof prisonerId === 'string' ? prisonerId : null;
}

function handlingOf(ctx: RequestContext, row: SharedRecord, plan: PresentationPlan): HandlingView {
  if (plan.clauseOnward === null || plan.retentionDays === null || row.ownerAgencyCode === ctx.principal.agencyCode) {
    return { tlp: row.tlp, handlingCode: row.handlingCode, onwardDisclosure: row.onwardDisclosure, retentionUntil: null };
  }
  const days = plan.retentionDays;
  return {
    tlp: row.tlp,
    handlingCode: row.handlingCode,
    onwardDisclosure: stricterOnward(row.onwardDisclosure, plan.clauseOnward),
    retentionUntil: ctx.once(`retentionUntil:${days}`, () => new Date(ctx.now.getTime() + days * DAY_MS).toISOString().slice(0, 10)),
  };
}

/** Presents many rows, dropping any the policy refuses. */
export function presentAll<R extends SharedRecord>(
  ctx: RequestContext,
  subject: SubjectType,
  rows: readonly R[],
  values: (row: R) => Record<string, unknown>,
  derived?: Record<string, DerivedField<R>>,
): RecordView[] {
  const views: RecordView[] = [];
  for (const row of rows) {
    const view = presentRecord(ctx, subject, row, values(row), derived);
    if (view) views.push(view);
  }
  return views;
}
