import type { LogEntry } from '../core/log-entry.js';

/**
 * Who may read the disclosure log, and how much of each entry (docs/architecture.md §6, issue 4):
 * - an AUDITOR of an oversight agency (the inspectorate) reads every entry in full, and alone
 *   may verify and seal the log;
 * - an agency's MOU_ADMIN reads the entries of its own staff in full ("who of ours consulted
 *   what, and why") and, in other agencies' entries, the records of its own agency's data
 *   ("who saw our prisoners' data, and under which clause") and the searches that could
 *   reach it, with their terms — never the other records, the refusals or the log reads of
 *   another agency;
 * - nobody else.
 * LED Art. 25(2) allows logs to be used only to verify the lawfulness of processing, for
 * self-monitoring, for integrity and security, and in criminal proceedings: reading them is
 * oversight, so every read declares the purpose OVERSIGHT (Liaison-Purpose), and is itself
 * logged (kind LOG_ACCESS).
 */

export const LOG_READ_PURPOSE = 'OVERSIGHT';
export const AUDITOR_ROLE = 'AUDITOR';
export const MOU_ADMIN_ROLE = 'MOU_ADMIN';
export const OVERSIGHT_AGENCY_KIND = 'OVERSIGHT';

export interface LogReader {
  agencyCode: string;
  agencyKind: string;
  roles: readonly string[];
  purpose: string | null;
}

export type LogScope = { kind: 'ALL' } | { kind: 'AGENCY'; agencyCode: string };

export type LogReadDecision =
  | { allowed: true; scope: LogScope }
  | { allowed: false; code: 'FORBIDDEN' | 'PURPOSE_REQUIRED'; reason: string };

const isAuditor = (reader: LogReader): boolean => reader.agencyKind === OVERSIGHT_AGENCY_KIND && reader.roles.includes(AUDITOR_ROLE);

function purposeCheck(reader: LogReader): LogReadDecision | null {
  if (reader.purpose === null) {
    return { allowed: false, code: 'PURPOSE_REQUIRED', reason: `The disclosure log is read only for oversight: send Liaison-Purpose: ${LOG_READ_PURPOSE}` };
  }
  if (reader.purpose !== LOG_READ_PURPOSE) {
    return { allowed: false, code: 'FORBIDDEN', reason: `The disclosure log may be read only for the purpose ${LOG_READ_PURPOSE} (LED Art. 25(2)), not ${reader.purpose}` };
  }
  return null;
}

/** Whether, and how much of, the log `reader` may list. */
export function logReadDecision(reader: LogReader): LogReadDecision {
  const scope: LogScope | null = isAuditor(reader)
    ? { kind: 'ALL' }
    : reader.roles.includes(MOU_ADMIN_ROLE) ? { kind: 'AGENCY', agencyCode: reader.agencyCode } : null;
  if (!scope) {
    return { allowed: false, code: 'FORBIDDEN', reason: 'The disclosure log is open only to the inspectorate\'s auditors and to each agency\'s MoU administrators' };
  }
  return purposeCheck(reader) ?? { allowed: true, scope };
}

/** Whether `reader` may verify or seal the whole log (auditors, for oversight). */
export function logAuditDecision(reader: LogReader): LogReadDecision {
  if (!isAuditor(reader)) {
    return { allowed: false, code: 'FORBIDDEN', reason: 'Only the inspectorate\'s auditors verify and seal the disclosure log' };
  }
  return purposeCheck(reader) ?? { allowed: true, scope: { kind: 'ALL' } };
}

/** The part of `entry` the scope shows. */
export function entryAsSeenBy(scope: LogScope, entry: LogEntry): LogEntry {
  if (scope.kind === 'ALL' || entry.agencyCode === scope.agencyCode) return entry;
  const records = entry.records.filter((r) => r.ownerAgencyCode === scope.agencyCode);
  const clauseIds = new Set(records.flatMap((r) => r.clauseIds));
  // A search that could reach this agency's data is shown with its terms, even when only a
  // count or nothing came back ("is this person held?" is a question about its prisoners).
  const searches = entry.searchTerms
    ?.filter((t) => t.agencyCodes.includes(scope.agencyCode))
    .map((t) => ({ ...t, agencyCodes: [scope.agencyCode] }));
  return {
    ...entry,
    ...(searches ? { searchTerms: searches } : {}),
    records,
    clauses: entry.clauses.filter((c) => clauseIds.has(c.id)),
    denials: [],
    logAccess: [],
  };
}
