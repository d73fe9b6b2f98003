import type { OnwardDisclosure } from '../../domain/enums.js';
import type { SubjectType } from '../../policies/subjects.js';
import { IDENTITY_FIELDS, RECORD_SHAPES } from './record-shapes.js';
import type { RecordSelection } from './selection.js';

/**
 * A record as the compiled statement returns it: one flat JSON array, not an object and not
 * nested arrays, because PostgreSQL 15 spends on every argument of every `json_build_*` call —
 * keys included — a lookup of its type, base type, element type and output function, and on
 * every call its own buffer. Positions: id, owner agency, TLP, handling code, onward
 * disclosure, owning prisoner (null for a record not linked to one), the clauses matching the
 * record, the selected fields withheld from it, then the granted field values in the order of
 * `compiledFields`, then the relations in the order of `compiledRelations` (`false` for a
 * relation the policy gates: not read, refused where it resolves).
 *
 * Clauses and withheld fields are bit sets — bit k for the statement's k-th clause of the
 * record's kind (its `ClauseTable`), for the k-th of `compiledFields` — not arrays of ids and
 * names: one integer per record instead of an array of 36-character ids converted to JSON
 * element by element. A kind of record with more clauses than `MAX_BITS` gets the array of
 * their ids (no record shape has that many fields).
 */
export type RecordTuple = [
  id: string, owner: string, tlp: string, handlingCode: string | null, onward: OnwardDisclosure, prisonerId: string | null,
  clauses: number | string[], withheld: number, ...valuesThenRelations: unknown[],
];

/** Positions before a record's field values. */
export const TUPLE_HEAD = 8;

/** Bits in a bit set (PostgreSQL `integer`, JavaScript's bitwise operators: 31 without the sign). */
export const MAX_BITS = 31;

/** Per kind of record, the clause ids a statement's clause bits stand for, in bit order. */
export type ClauseTable = Map<SubjectType, readonly string[]>;

/** A compiled record by name: what `presentCompiled` reads (and the parity test compares). */
export interface CompiledRecord {
  i: string;
  o: string;
  t: string;
  h: string | null;
  d: OnwardDisclosure;
  p: string | null;
  /** Shared by every record of the statement with the same clauses (frozen). */
  c: readonly string[];
  /** Shared by every record of the selection with the same withheld fields (frozen). */
  w: readonly string[];
  f: Record<string, unknown>;
  r: Record<string, CompiledRecord | CompiledRecord[] | null>;
}

const fieldOrders = new WeakMap<RecordSelection, readonly string[]>();
const relationOrders = new WeakMap<RecordSelection, readonly string[]>();

/**
 * The selected data fields of a record, in the order the statement returns their values:
 * by name, the identity fields (resolved from the record itself) left out. The one order the
 * compiler writes and the decoder reads.
 */
export function compiledFields(selection: RecordSelection): readonly string[] {
  let order = fieldOrders.get(selection);
  if (!order) {
    order = [...selection.fields].filter((field) => !IDENTITY_FIELDS.has(field)).sort();
    fieldOrders.set(selection, order);
  }
  return order;
}

/** The selected relations of a record, in the order the statement returns them (after the fields). */
export function compiledRelations(selection: RecordSelection): readonly string[] {
  let order = relationOrders.get(selection);
  if (!order) {
    order = [...selection.relations.keys()].sort((x, y) => x.localeCompare(y));
    relationOrders.set(selection, order);
  }
  return order;
}

/**
 * The statement's clause bits for `subject` stand for `ids` (compile time). A kind of record
 * read at several places of one statement has the same clauses at each: anything else would
 * make the bits ambiguous, and is refused.
 */
export function noteClauses(table: ClauseTable, subject: SubjectType, ids: readonly string[]): void {
  const known = table.get(subject);
  if (!known) table.set(subject, ids);
  else if (known.length !== ids.length || known.some((id, k) => id !== ids[k])) {
    throw new Error(`compiled read: ${subject} has different clauses at two places of one statement`);
  }
}

const NO_MEMBERS: readonly string[] = Object.freeze([]);

/**
 * The member lists already decoded, per list of names (a statement's clauses of one kind, a
 * selection's fields: both live as long as their compiled statement) and bit set: every record
 * with the same clauses, or the same withheld fields, gets the same frozen array, so that what
 * is looked up per record by them (handling marks, redaction reasons) is found by identity.
 */
const memberLists = new WeakMap<readonly string[], Map<number, readonly string[]>>();
const MEMBER_LISTS_KEPT = 1024;

/** The members of bit set `bits` over `names` (an array as returned, when there were too many for bits). */
function membersOf(bits: number | string[], names: readonly string[] | undefined, what: string): readonly string[] {
  if (typeof bits !== 'number') return bits;
  if (bits === 0) return NO_MEMBERS;
  let lists = names && memberLists.get(names);
  const known = lists?.get(bits);
  if (known) return known;
  const members: string[] = [];
  for (let k = 0, rest = bits; rest !== 0; k += 1, rest >>>= 1) {
    if ((rest & 1) === 0) continue;
    const name = names?.[k];
    if (name === undefined) throw new Error(`compiled read: ${what} bit ${k} stands for nothing`);
    members.push(name);
  }
  if (!lists) memberLists.set(names!, lists = new Map());
  // Bounded: the combinations a policy's masks produce are few; past the bound, lists are not shared.
  if (lists.size < MEMBER_LISTS_KEPT) lists.set(bits, Object.freeze(members));
  return members;
}

/** The ids of the clauses a record's (or a counted record's) clause bits stand for. */
export function clauseIdsOf(subject: SubjectType, bits: number | string[], clauses: ReadonlyMap<SubjectType, readonly string[]>): readonly string[] {
  return membersOf(bits, clauses.get(subject), `${subject} clause`);
}

/** The `subject` record `tuple` read for `selection`, by name (its relations too, each under its own selection). */
export function decodeRecord(
  subject: SubjectType, tuple: RecordTuple, selection: RecordSelection, clauses: ReadonlyMap<SubjectType, readonly string[]>,
): CompiledRecord {
  const [i, o, t, h, d, p, c, w] = tuple;
  const fields = compiledFields(selection);
  const f: Record<string, unknown> = {};
  for (let k = 0; k < fields.length; k += 1) f[fields[k]!] = tuple[TUPLE_HEAD + k];
  const r: CompiledRecord['r'] = {};
  let at = TUPLE_HEAD + fields.length;
  for (const name of compiledRelations(selection)) {
    const value = tuple[at++];
    if (value === false) continue; // a relation the policy gates is not read (refused where it resolves)
    const relation = RECORD_SHAPES[subject].relations[name]!;
    const child = selection.relations.get(name)!;
    r[name] = relation.many
      ? (value as RecordTuple[]).map((item) => decodeRecord(relation.subject, item, child, clauses))
      : value ? decodeRecord(relation.subject, value as RecordTuple, child, clauses) : null;
  }
  if (at !== tuple.length) throw new Error(`compiled read: a ${subject} record of ${tuple.length} positions, ${at} expected`);
  return { i, o, t, h, d, p, c: clauseIdsOf(subject, c, clauses), w: membersOf(w, fields, `${subject} withheld field`), f, r };
}
