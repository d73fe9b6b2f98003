import type { RequestContext } from '../context/request-context.js';
import type { Clause } from '../policies/clause.js';
import { SUBJECT_TYPES } from '../policies/subjects.js';
import { agencyRef, type AgencyRef } from './record-view.js';

export interface ClauseRefView {
  id: string;
  label: string;
  mouId: string;
  mouReference: string;
  mouVersion: number;
  provider: AgencyRef;
}

export const clauseRef = (ctx: RequestContext, clause: Clause): ClauseRefView => ({
  id: clause.id,
  label: clause.label,
  mouId: clause.mou.id,
  mouReference: clause.mou.reference,
  mouVersion: clause.mou.version,
  provider: agencyRef(ctx, clause.mou.providerAgencyCode),
});

/** The caller and, per kind of record, what they may read and under which clauses. */
export function describePrincipal(ctx: RequestContext) {
  return {
    userId: ctx.principal.userId,
    agency: agencyRef(ctx, ctx.principal.agencyCode),
    roles: [...ctx.principal.roles],
    purpose: ctx.purpose,
    caseReference: ctx.caseReference,
    decisionId: ctx.decisionId,
    policyRevision: ctx.policy.built.revision,
    permissions: SUBJECT_TYPES.map((subject) => {
      const reach = ctx.policy.reach(subject);
      return {
        subject,
        ownAgencyFields: reach.ownAgencyFields,
        sharedFields: reach.sharedFields,
        clauses: reach.clauses.map((c) => clauseRef(ctx, c)),
        fields: reach.fields.map((f) => ({
          field: f.field, roles: f.roles, clauses: f.clauses.map((c) => clauseRef(ctx, c)), alwaysVisible: f.alwaysVisible,
        })),
        requires: reach.gate,
      };
    }),
  };
}
