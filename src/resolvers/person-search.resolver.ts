import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { selectedConnection } from '../enforcement/compiled-read/selection.js';
import { findPersons } from '../records/prisoners.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';
import { PersonSearchInput } from '../schema/name-match.type.js';
import { PrisonerConnection } from '../schema/prisoner.type.js';

@Resolver()
export class PersonSearchResolver {
  @Query(() => PrisonerConnection, {
    description: 'Finding a person across scripts and spellings: the prisoners the caller may see whose recorded names match, '
      + 'ranked best first (at most 100), each edge with its match { score reasons }. Only name variants the caller may see are matched. '
      + 'A candidate is not an identification. The search, its terms and the candidates returned are logged.',
  })
  personSearch(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('input', () => PersonSearchInput, { description: 'Who to look for: a name in any script or spelling, optionally a date of birth (±1 year, day and month swapped) and a nationality.' }) input: PersonSearchInput,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return findPersons(ctx, input, { first, after }, selectedConnection('Prisoner', info));
  }
}
