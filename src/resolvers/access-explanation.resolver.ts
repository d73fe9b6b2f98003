import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import type { Purpose } from '../domain/enums.js';
import { AccessExplanation, ExplainAccessInput } from '../schema/access-explanation.type.js';
import { explainAccess } from '../enforcement/explain-access.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => AccessExplanation)
export class AccessExplanationResolver {
  @Query(() => AccessExplanation, { description: 'Whether an agency\'s staff with these roles and purpose may read a record (or one field), and the clause, role rule or statutory exclusion that decides. MOU_ADMINs of that agency or of the record\'s owner, and inspectorate auditors.' })
  explainAccess(@Arg('input', () => ExplainAccessInput, { description: ARGUMENT.explainInput }) input: ExplainAccessInput, @Ctx() ctx: RequestContext) {
    return explainAccess(ctx, {
      agency: input.agency,
      roles: input.roles,
      purpose: (input.purpose ?? null) as Purpose | null,
      caseReference: input.caseReference ?? true,
      subject: input.subject,
      recordId: input.recordId,
      field: input.field ?? null,
    });
  }
}
