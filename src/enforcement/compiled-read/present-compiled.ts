import type { PresentedRecord } from '../../context/request-disclosure.js';
import type { RequestContext } from '../../context/request-context.js';
import { stricterOnward, type OnwardDisclosure } from '../../domain/enums.js';
import { redactionReasonFor, type RedactionReason } from '../../policies/compiled-policy.js';
import type { SubjectType } from '../../policies/subjects.js';
import { assertReadable } from '../policed-reads.js';
import { agencyRef, PRISONER_ID, RECORD, REDACTIONS, type HandlingView, type RecordView } from '../record-view.js';
import { RecordRedactions } from '../record-redactions.js';
import { RECORD_SHAPES } from './record-shapes.js';
import type { CompiledRecord } from './record-tuple.js';
import type { RecordSelection } from './selection.js';

/** The relations the statement read for a record, by field name; a relation's resolver returns them as they are. */
export const COMPILED_RELATIONS = Symbol('liaison.compiledRelations');

/** A relation the caller's policy gates (purpose or case reference missing): refused when the field resolves. */
const GATED = Symbol('liaison.gatedRelation');
interface GatedRelation { [GATED]: SubjectType }

type RelationValue = RecordView | RecordView[] | null | GatedRelation;
type CompiledView = RecordView & { [COMPILED_RELATIONS]?: Map<string, RelationValue> };

const DAY_MS = 86_400_000;

/** Stands for "the caller's own record, or one no clause matched" among the clause lists `handlingOf` is keyed by. */
const OWN: readonly string[] = Object.freeze([]);

/**
 * The record's handling marks: one object per distinct marks and clauses in a request (rows of
 * a page mostly agree), found by the clause list's identity (decodeRecord shares one frozen list
 * per distinct clauses) and then the marks — not by a text joining them, which cost a
 * concatenation and its hashing for every record.
 */
function handlingOf(ctx: RequestContext, record: CompiledRecord): HandlingView {
  const own = record.c.length === 0 || record.o === ctx.principal.agencyCode;
  const byClauses = ctx.once('handling', () => new Map<readonly string[], Map<string, HandlingView>>());
  const clauses = own ? OWN : record.c;
  let byMarks = byClauses.get(clauses);
  if (!byMarks) byClauses.set(clauses, byMarks = new Map());
  const marks = `${record.t}|${record.h}|${record.d}`;
  let handling = byMarks.get(marks);
  if (!handling) byMarks.set(marks, handling = handlingUnder(ctx, record, own));
  return handling;
}

function handlingUnder(ctx: RequestContext, record: CompiledRecord, own: boolean): HandlingView {
  const raw: HandlingView = { tlp: record.t, handlingCode: record.h, onwardDisclosure: record.d, retentionUntil: null };
  if (own) return raw;
  const clauses = record.c.map((id) => ctx.policy.built.clauses.get(id)).filter((c) => c !== undefined);
  if (clauses.length === 0) return raw;
  const onward = clauses.reduce<OnwardDisclosure>((acc, c) => stricterOnward(acc, c.onwardDisclosure), 'PERMITTED');
  const days = Math.min(...clauses.map((c) => c.retentionDays));
  return {
    ...raw,
    onwardDisclosure: stricterOnward(record.d, onward),
    retentionUntil: ctx.once(`retentionUntil:${days}`, () => new Date(ctx.now.getTime() + days * DAY_MS).toISOString().slice(0, 10)),
  };
}

const NOTHING_WITHHELD: ReadonlyMap<string, RedactionReason> = new Map();

/**
 * Withheld fields share one map per distinct list (rows of a page mostly agree), found by the
 * list's identity: decodeRecord shares one frozen list per selection and withheld fields, so
 * the same list is the same fields of the same kind of record.
 */
function withheldOf(ctx: RequestContext, subject: SubjectType, fields: readonly string[]): ReadonlyMap<string, RedactionReason> {
  if (fields.length === 0) return NOTHING_WITHHELD;
  const byList = ctx.once('withheld', () => new Map<readonly string[], ReadonlyMap<string, RedactionReason>>());
  let withheld = byList.get(fields);
  if (!withheld) byList.set(fields, withheld = new Map(fields.map((field) => [field, redactionReasonFor(subject, field)])));
  return withheld;
}

/**
 * A compiled record as the view the GraphQL layer resolves (docs/architecture.md §3.3): the
 * values PostgreSQL already masked and formatted, the identity and handling, the relations
 * read in the same statement; the record is tracked as revealed for the disclosure log, with
 * the clauses that matched it and the fields withheld from it. Trivial field resolvers do
 * the rest (src/resolvers/record-field-resolver.ts).
 */
export function presentCompiled(ctx: RequestContext, subject: SubjectType, record: CompiledRecord, selection: RecordSelection): RecordView {
  const withheld = withheldOf(ctx, subject, record.w);
  // The field values as PostgreSQL formatted them become the view itself: a withheld field is
  // null there (its CASE WHEN mask did not hold), and the field resolver withholds it by
  // `withheld` before it would read any value.
  const view: Record<string, unknown> = record.f;
  view.id = record.i;
  view.ownerAgency = agencyRef(ctx, record.o);
  view.handling = handlingOf(ctx, record);
  const presented: PresentedRecord = {
    subject,
    id: record.i,
    prisonerId: subject === 'Prisoner' ? record.i : (record.p ?? null),
    ownerAgencyCode: record.o,
    clauseIds: record.c,
    withheld,
    returned: new Set(),
    redacted: new Set(),
    revealed: true,
  };
  ctx.disclosures.track(presented);
  view[RECORD as unknown as string] = presented;
  view[REDACTIONS as unknown as string] = new RecordRedactions();
  if (record.p) view[PRISONER_ID as unknown as string] = record.p;
  if (selection.relations.size > 0) {
    const relations = new Map<string, RelationValue>();
    for (const [name, child] of selection.relations) {
      const relation = RECORD_SHAPES[subject].relations[name]!;
      if (ctx.policy.gate(relation.subject)) {
        relations.set(name, { [GATED]: relation.subject });
        continue;
      }
      const value = record.r[name];
      relations.set(name, Array.isArray(value)
        ? value.map((item) => presentCompiled(ctx, relation.subject, item, child))
        : value ? presentCompiled(ctx, relation.subject, value, child) : null);
    }
    view[COMPILED_RELATIONS as unknown as string] = relations;
  }
  return view as RecordView;
}

/**
 * The value of relation `name` of a record, as the compiled statement read it; `undefined`
 * when the record was not read by a compiled statement (the caller then reads it itself).
 * A relation the policy gates is refused here, at its own path.
 */
export function compiledRelation<T extends RecordView | RecordView[] | null>(ctx: RequestContext, record: RecordView, name: string): T | undefined {
  const relations = (record as CompiledView)[COMPILED_RELATIONS];
  if (!relations?.has(name)) return undefined;
  const value = relations.get(name)!;
  if (value && typeof value === 'object' && GATED in value) {
    // One refusal per request and subject, as one batched read refused it before.
    const subject = value[GATED];
    throw ctx.once(`gatedRelation:${subject}`, () => {
      try {
        assertReadable(ctx, subject);
      } catch (refusal) {
        return refusal;
      }
      return new Error(`compiled read: ${subject} was gated when compiled but is readable now`);
    });
  }
  return value as T;
}

/**
 * The value of relation `name` of a record: always read by the statement that read the record
 * (every shared record is read by the compiled read). A relation that was not is an internal
 * error, never a second read outside the compiled read (fail closed).
 */
export function relationOf<T extends RecordView | RecordView[] | null>(ctx: RequestContext, record: RecordView, name: string): T {
  const value = compiledRelation<T>(ctx, record, name);
  if (value === undefined) throw new Error(`compiled read: relation ${name} was not read with its record`);
  return value;
}
