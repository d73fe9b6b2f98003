import type { RedactionReason } from '../policies/compiled-policy.js';

/** The name of every shared record's own list of redactions in the schema. */
export const REDACTIONS_FIELD = 'redactions';

/**
 * The fields of one presented record that the response withholds, as they are withheld —
 * the same per-row decision that nulls the field and adds its entry to
 * `extensions.liaison.redactions` adds it here (`withhold`). The record's `redactions` field
 * reads this once every sibling field has been decided: graphql-js calls the resolver of each
 * field of an object before it awaits any of them, so one turn of the microtask queue later
 * every synchronous decision has been made, and the asynchronous ones (the prisoner link,
 * which loads the prisoner first) are awaited through `awaiting`.
 */
export class RecordRedactions {
  private readonly reasons = new Map<string, RedactionReason>();
  private readonly pending: Promise<unknown>[] = [];

  add(field: string, reason: RedactionReason): void {
    this.reasons.set(field, reason);
  }

  /** A field whose decision is still being made (it may be withheld once it settles). */
  awaiting<T>(decision: Promise<T>): Promise<T> {
    this.pending.push(decision);
    return decision;
  }

  async list(): Promise<{ field: string; reason: RedactionReason }[]> {
    await Promise.resolve();
    while (this.pending.length) await Promise.allSettled(this.pending.splice(0));
    return [...this.reasons].map(([field, reason]) => ({ field, reason }));
  }
}
