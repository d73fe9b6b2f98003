import type { OnwardDisclosure } from '../../domain/enums.js';
import type { SubjectType } from '../../policies/subjects.js';
import { IDENTITY_FIELDS, RECORD_SHAPES } from './record-shapes.js';
import type { RecordSelection } from './selection.js';

/**
 * A record as the compiled statement returns it: a JSON array, not an object, because
 * PostgreSQL's `json_build_object` spends as much on each key as on each value (it looks up
 * the type and output function of every argument, keys included, for every row). Positions:
 * id, owner agency, TLP, handling code, onward disclosure, owning prisoner (null for a record
 * not linked to one), clause ids, withheld fields, the granted field values in the order of
 * `compiledFields`, the relations by name. S1's statement: 3.3 → 2.4 ms of database CPU.
 */
export type RecordTuple = [
  id: string, owner: string, tlp: string, handlingCode: string | null, onward: OnwardDisclosure, prisonerId: string | null,
  clauseIds: string[], withheld: string[], values: unknown[], relations: Record<string, RecordTuple | RecordTuple[] | null>,
];

/** A compiled record by name: what `presentCompiled` reads (and the parity test compares). */
export interface CompiledRecord {
  i: string;
  o: string;
  t: string;
  h: string | null;
  d: OnwardDisclosure;
  p: string | null;
  c: string[];
  w: string[];
  f: Record<string, unknown>;
  r: Record<string, CompiledRecord | CompiledRecord[] | null>;
}

const fieldOrders = new WeakMap<RecordSelection, readonly string[]>();

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

/** The `subject` record `tuple` read for `selection`, by name (its relations too, each under its own selection). */
export function decodeRecord(subject: SubjectType, tuple: RecordTuple, selection: RecordSelection): CompiledRecord {
  const [i, o, t, h, d, p, c, w, values, relations] = tuple;
  const fields = compiledFields(selection);
  const f: Record<string, unknown> = {};
  for (let k = 0; k < fields.length; k += 1) f[fields[k]!] = values[k];
  const r: CompiledRecord['r'] = {};
  for (const [name, child] of selection.relations) {
    if (!(name in relations)) continue; // a relation the policy gates is not read (refused where it resolves)
    const relation = RECORD_SHAPES[subject].relations[name]!;
    const value = relations[name]!;
    r[name] = relation.many
      ? (value as RecordTuple[]).map((item) => decodeRecord(relation.subject, item, child))
      : value ? decodeRecord(relation.subject, value as RecordTuple, child) : null;
  }
  return { i, o, t, h, d, p, c, w, f, r };
}
