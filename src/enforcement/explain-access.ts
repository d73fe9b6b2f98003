import type { RequestContext } from '../context/request-context.js';
import type { Purpose } from '../domain/enums.js';
import { badUserInput, notFound } from '../errors.js';
import {
  explainRecordAccess, explainWithoutRecord, type AccessExplanation, type AccessReasonKind, type ClauseVerdictKind,
  type ExplanationQuestion,
} from '../policies/access-explanation.js';
import { buildPolicy } from '../policies/build-policy.js';
import { CompiledPolicy } from '../policies/compiled-policy.js';
import { confirmedByCompiled, VerdictDisagreement } from '../policies/compiled-verdict.js';
import { isSubjectType, SUBJECTS, type SubjectType } from '../policies/subjects.js';
import { recordId } from '../domain/input.js';
import { administer } from '../mou/administration.js';
import { mouActorOf } from '../mou/records.js';
import { clauseRef, type ClauseRefView } from './caller-permissions.js';
import { agencyRef, type AgencyRef } from './record-view.js';
import { readVerdict, type RecordVerdict } from './compiled-read/read-verdict.js';

/**
 * Access explanations (issue 3, item 5): for an agency, roles, purpose, record and optional
 * field — allowed or denied, and the clause, role rule or statutory exclusion that decided.
 *
 * Who may ask, and what they learn (an explanation never carries a field value, but whether a
 * record meets a clause's conditions is itself something about the record):
 * - the inspectorate's auditors: the full explanation, for any agency and record;
 * - MOU_ADMINs of the record's owner (the data controller): the full explanation;
 * - MOU_ADMINs of the agency asked about: the full explanation when that agency's staff could
 *   read the record anyway; otherwise one computed from the policy alone, identical for a
 *   record that exists but is not shared and for one that does not exist (§3.8);
 * - other MOU_ADMINs: NOT_FOUND, as for a missing record; anyone else is refused at the door
 *   (FORBIDDEN, EXPLANATION_AUDIENCE: src/enforcement/operation-access.ts).
 * Every explanation is logged in the admin audit log (who asked about which record), for
 * readers who could have asked the same question and got the same answer.
 *
 * The verdict — allowed, readable, which fields — is the compiled predicates' (issue 13 §2):
 * the record and what the asked-about staff's policy decides of it are read in one compiler
 * statement (compiled-read/read-verdict.ts), with the row filter, clause matches and field
 * masks a compiled read by those staff runs; the in-memory explanation supplies the wording
 * and must agree, or no answer is given.
 */

export interface ExplainAccessInput {
  agency: string;
  roles: string[];
  purpose: Purpose | null;
  /** Whether the request would carry a Liaison-Case-Reference. */
  caseReference: boolean;
  subject: string;
  recordId: string;
  field: string | null;
}

export interface AccessExplanationView {
  agency: AgencyRef;
  roles: string[];
  purpose: Purpose | null;
  caseReference: boolean;
  subject: SubjectType;
  recordId: string;
  field: string | null;
  allowed: boolean;
  recordReadable: boolean;
  detail: 'FULL' | 'LIMITED';
  summary: string;
  decidedBy: { kind: AccessReasonKind; clause: ClauseRefView | null; role: string | null; message: string }[];
  considered: { clause: ClauseRefView; verdict: ClauseVerdictKind; message: string }[];
  readableFields: string[];
  policyRevision: number;
  evaluatedAt: Date;
}

function validated(ctx: RequestContext, input: ExplainAccessInput): { subject: SubjectType; id: string } {
  const problems: string[] = [];
  const agency = ctx.snapshot.agencies.get(input.agency);
  if (!agency) problems.push(`unknown agency "${input.agency}"`);
  if (input.roles.length === 0) problems.push('roles must name at least one role');
  const unknownRoles = agency ? input.roles.filter((r) => !agency.roles.has(r)) : [];
  if (unknownRoles.length > 0) problems.push(`${input.agency} has no role ${unknownRoles.join(', ')}`);
  if (!isSubjectType(input.subject)) problems.push(`unknown subject "${input.subject}"`);
  else if (input.field !== null && !SUBJECTS[input.subject].fields.includes(input.field) && !SUBJECTS[input.subject].alwaysVisible.includes(input.field)) {
    problems.push(`${input.subject} has no field "${input.field}"`);
  }
  if (problems.length > 0) throw badUserInput(`explainAccess: ${problems.join('; ')}`);
  return { subject: input.subject as SubjectType, id: recordId(input.recordId, 'recordId') };
}

/**
 * The explanation with its verdict from the compiled predicates (what a compiled read by the
 * asked-about staff would do with the record); when the in-memory explanation disagrees, no
 * answer is given: the disagreement is logged and the request fails (INTERNAL_SERVER_ERROR).
 */
function confirmed(ctx: RequestContext, explanation: AccessExplanation, record: RecordVerdict, q: ExplanationQuestion): AccessExplanation {
  try {
    return confirmedByCompiled(explanation, record.verdict, q.subject, q.field);
  } catch (error) {
    if (error instanceof VerdictDisagreement) {
      ctx.log.error({ subject: q.subject, field: q.field, key: q.key, disagreements: error.disagreements }, 'access explanation refused: the in-memory policy and the compiled predicates disagree');
    }
    throw error;
  }
}

/** `explainAccess`. */
export function explainAccess(ctx: RequestContext, input: ExplainAccessInput): Promise<AccessExplanationView> {
  const actor = mouActorOf(ctx);
  const request = { ...input };
  return administer(ctx, 'EXPLAIN_ACCESS', request, async (tx, journal) => {
    const { subject, id } = validated(ctx, input);
    const question: ExplanationQuestion = {
      snapshot: ctx.snapshot,
      key: { agencyCode: input.agency, roles: [...new Set(input.roles)].sort(), purpose: input.purpose, hasCaseReference: input.caseReference },
      now: ctx.now,
      subject,
      field: input.field,
    };
    const found = await readVerdict(tx, new CompiledPolicy(buildPolicy(question.snapshot, question.key, question.now)), subject, id);
    const owner = (found?.row.ownerAgencyCode as string | undefined) ?? null;
    const explain = (record: RecordVerdict) => confirmed(ctx, explainRecordAccess({ ...question, row: record.row }), record, question);
    let explanation: AccessExplanation;
    let detail: 'FULL' | 'LIMITED' = 'FULL';
    if (actor.oversight || (found && owner === actor.agencyCode)) {
      if (!found) throw notFound('Record');
      explanation = explain(found);
    } else if (actor.agencyCode === input.agency) {
      const full = found ? explain(found) : null;
      if (full?.recordReadable) {
        explanation = full;
      } else {
        explanation = explainWithoutRecord(question);
        detail = 'LIMITED';
      }
    } else {
      throw notFound('Record');
    }
    // The event is read by the asker's agency (what the asker was told), the record's owner and
    // auditors (the full explanation is theirs anyway), and the asked-about agency only when its
    // own explainAccess would be FULL: an event about a record its staff cannot read would
    // betray that the record exists and how it fares against the clauses.
    const askedAgencyMayRead = input.agency === owner || explanation.recordReadable;
    await journal.record({
      action: 'EXPLAIN_ACCESS',
      parties: [actor.agencyCode, ...(owner ? [owner] : []), ...(askedAgencyMayRead ? [input.agency] : [])],
      request,
      after: { allowed: explanation.allowed, detail, decidedBy: explanation.decidedBy.map((r) => r.clause ? `${r.kind}:${r.clause.id}` : r.role ? `${r.kind}:${r.role}` : r.kind) },
    });
    return {
      agency: agencyRef(ctx, input.agency),
      roles: question.key.roles as string[],
      purpose: input.purpose,
      caseReference: input.caseReference,
      subject,
      recordId: id,
      field: input.field,
      allowed: explanation.allowed,
      recordReadable: explanation.recordReadable,
      detail,
      summary: explanation.summary,
      decidedBy: explanation.decidedBy.map((r) => ({ kind: r.kind, clause: r.clause ? clauseRef(ctx, r.clause) : null, role: r.role, message: r.message })),
      considered: explanation.considered.map((v) => ({ clause: clauseRef(ctx, v.clause), verdict: v.verdict, message: v.message })),
      readableFields: explanation.readableFields,
      policyRevision: ctx.snapshot.revision,
      evaluatedAt: ctx.now,
    };
  });
}
