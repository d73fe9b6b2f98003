import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { referenceDataFor } from '../reference-data/reference-queries.js';
import { ReferenceData } from '../schema/reference-data.type.js';

@Resolver(() => ReferenceData)
export class ReferenceDataResolver {
  @Query(() => ReferenceData, { description: 'The exchange\'s agencies, roles, facilities and applied token issuers (MOU_ADMINs and inspectorate auditors).' })
  referenceData(@Ctx() ctx: RequestContext) {
    return referenceDataFor(ctx);
  }
}
