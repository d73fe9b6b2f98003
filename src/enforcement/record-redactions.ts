import type { RedactionReason } from '../policies/compiled-policy.js';

/** The name of every shared record's own list of redactions in the schema. */
export const REDACTIONS_FIELD = 'redactions';

/**
 * The fields of one presented record that the response withholds, as they are withheld —
 * the same per-row decision that nulls the field and adds its entry to
 * `extensions.liaison.redactions` adds it here (`withhold`). The record's `redactions` field
 * reads this once every sibling field has been decided: graphql-js calls the resolver of each
 * field of an object before it awaits any of them, and every decision is synchronous (the
 * relations were read with the record), so one turn of the microtask queue later each has
 * been made, whichever order the fields were selected in.
 */
export class RecordRedactions {
  /** Created on the first redaction: most records have none. */
  private reasons: Map<string, RedactionReason> | undefined;

  add(field: string, reason: RedactionReason): void {
    (this.reasons ??= new Map()).set(field, reason);
  }

  async list(): Promise<{ field: string; reason: RedactionReason }[]> {
    await Promise.resolve();
    return [...(this.reasons ?? [])].map(([field, reason]) => ({ field, reason }));
  }
}
