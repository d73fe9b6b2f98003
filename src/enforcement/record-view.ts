import type { PresentedRecord } from '../context/request-disclosure.js';
import type { RequestContext } from '../context/request-context.js';
import type { OnwardDisclosure } from '../domain/enums.js';
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

/** The agency `code` as the response shows it: one object per agency and request. */
export function agencyRef(ctx: RequestContext, code: string): AgencyRef {
  const refs = ctx.once('agencies', () => new Map<string, AgencyRef>());
  let ref = refs.get(code);
  if (!ref) {
    const agency = ctx.snapshot.agencies.get(code);
    refs.set(code, ref = { code, name: agency?.name ?? code, kind: agency?.kind ?? 'OTHER' });
  }
  return ref;
}
