import { GraphQLLocalDate } from './date-scalars.js';
import { Field, ObjectType } from 'type-graphql';
import { AgencyKind, OnwardDisclosure, Tlp } from './enums.type.js';

@ObjectType({ simpleResolvers: true, description: 'A party to MoUs: prison administration, police, probation, oversight.' })
export class Agency {
  @Field(() => String, { description: 'The agency\'s code, as MoUs and records name it (e.g. POLICE).' })
  code!: string;

  @Field(() => String, { description: 'The agency\'s name.' })
  name!: string;

  @Field(() => AgencyKind, { description: 'What kind of agency it is.' })
  kind!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Handling conditions that travel with a shared record and bind its recipient (LED Art. 9).' })
export class Handling {
  @Field(() => Tlp, { description: 'Traffic Light Protocol marking: the stricter of the record\'s and the clause\'s.' })
  tlp!: string;

  @Field(() => String, { nullable: true, description: 'Handling code set by the owner (e.g. P/C under UK 3x5x2).' })
  handlingCode!: string | null;

  @Field(() => OnwardDisclosure, { description: 'The stricter of the record\'s own rule and the rules of the clauses that shared it.' })
  onwardDisclosure!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the recipient must have erased its copy; null for the owner\'s own staff.' })
  retentionUntil!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page stands in its list (Relay): whether more follow, and the cursor to continue from.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more records follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The last edge\'s cursor: pass it as `after` for the next page; null on an empty page.' })
  endCursor!: string | null;
}
