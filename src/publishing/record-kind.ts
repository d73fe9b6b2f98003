import { ONWARD_DISCLOSURES, TLPS } from '../domain/enums.js';
import type { SubjectType } from '../policies/subjects.js';
import type pg from 'pg';
import { oneOf, text, type FieldType, type FieldValue } from './field-types.js';

/** A field the owner writes: its type, column, and what happens when it is not given. */
export interface WritableField {
  type: FieldType;
  /** SQL column (snake_case of the field name). */
  column: string;
  /** Must be given (non-null) when the record is created. */
  required?: boolean;
  /** May be null. */
  nullable?: boolean;
  /** Taken on creation when the field is not given. */
  defaultValue?: () => FieldValue | null;
  /**
   * A reference by key to a row of the owner's (e.g. a facility by code): the value is the key,
   * the column holds the row's id.
   */
  reference?: { table: string; key: string };
  /** Kept in a child table, written by the kind's `writeChildren`; read back with this SQL (alias `t`). */
  children?: { read: string };
}

export interface RecordProblem {
  /** The input field (or `record` for a problem of the whole record). */
  path: string;
  message: string;
}

/** A record's state as written: canonical values by field name. */
export type RecordState = Record<string, FieldValue | null>;

/** A written record whose child rows (names, licence conditions) must be replaced. */
export interface ChildWrite {
  id: string;
  state: RecordState;
}

/**
 * What the write side knows of one kind of shared record: its table, the fields its owner
 * writes and the checks that involve several fields. The policy's own catalogue
 * (policies/subjects.ts) says what may be read; this says what may be written.
 */
export interface RecordKind {
  subject: SubjectType;
  /** The name used by `liaison import --kind` (e.g. risk-flags). */
  importName: string;
  table: string;
  /** Whether the record belongs to one prisoner, named by `prisonerId` or `prisonerExternalId`. */
  linkedToPrisoner: boolean;
  fields: Readonly<Record<string, WritableField>>;
  /** Problems that involve several fields of the complete new state. */
  checkState?: (state: RecordState) => RecordProblem[];
  /** Problems of references the database must answer (e.g. report subjects by external id), one list per state. */
  checkReferences?: (client: pg.ClientBase, owner: string, states: readonly RecordState[]) => Promise<RecordProblem[][]>;
  /** Runs after the records' rows and child rows are written (e.g. keys derived from them), with the fields each write changed. */
  afterWrite?: (client: pg.ClientBase, written: readonly { id: string; fields: readonly string[] }[]) => Promise<void>;
  /** Replaces the child rows of records whose `children` fields were written (created or changed). */
  writeChildren?: (client: pg.ClientBase, records: readonly ChildWrite[]) => Promise<void>;
}

/** Fields stored in the record's own table. */
export const columnFields = (kind: RecordKind): [string, WritableField][] => Object.entries(kind.fields).filter(([, f]) => !f.children);

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A writable field whose column is the snake_case of its name. */
export const field = (name: string, type: FieldType, options: Omit<WritableField, 'type' | 'column'> = {}): [string, WritableField] =>
  [name, { type, column: snake(name), ...options }];

/** The handling marks every shared record carries (LED Art. 9): written by the owner, travelling with the data. */
export const HANDLING_FIELDS: [string, WritableField][] = [
  field('tlp', oneOf(TLPS), { defaultValue: () => 'AMBER' }),
  field('handlingCode', text(20), { nullable: true }),
  field('onwardDisclosure', oneOf(ONWARD_DISCLOSURES), { defaultValue: () => 'NONE' }),
];
