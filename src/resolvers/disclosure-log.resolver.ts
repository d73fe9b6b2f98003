import { Arg, Ctx, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { AuditIntegrity, DisclosureFilter, DisclosureLogEntry, DisclosureLogEntryConnection, LogCheckpoint } from '../schema/disclosure-log.type.js';
import { checkLogIntegrity, listDisclosures, sealLog } from '../audit/log-queries.js';
import type { GatewayRoot } from './gateway-root.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => DisclosureLogEntry)
export class DisclosureLogResolver {
  @Query(() => DisclosureLogEntryConnection, {
    description: 'The disclosure log, newest first: inspectorate auditors read every entry; an agency\'s MOU_ADMIN reads its own staff\'s entries and other agencies\' reads of its data. Requires Liaison-Purpose: OVERSIGHT; the read is itself logged.',
  })
  disclosures(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => DisclosureFilter, { nullable: true, description: ARGUMENT.disclosureFilter }) filter?: DisclosureFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listDisclosures(ctx, filter, { first, after });
  }

  @Query(() => AuditIntegrity, {
    description: 'Recomputes the whole disclosure-log chain and checks every checkpoint signature, as `liaison audit verify` does (inspectorate auditors; Liaison-Purpose: OVERSIGHT).',
  })
  auditIntegrity(@Root() root: GatewayRoot, @Ctx() ctx: RequestContext) {
    return checkLogIntegrity(ctx, root.disclosureLog);
  }

  @Mutation(() => LogCheckpoint, {
    nullable: true,
    description: 'Seals the disclosure log now with a signed checkpoint over its head (or returns the checkpoint already sealing it); null while the log is empty (inspectorate auditors; Liaison-Purpose: OVERSIGHT).',
  })
  sealDisclosureLog(@Root() root: GatewayRoot, @Ctx() ctx: RequestContext) {
    return sealLog(ctx, root.disclosureLog);
  }
}
