import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { AgencyKind, OnwardDisclosure, Tlp } from './enums.type.js';

@ObjectType({ simpleResolvers: true, description: 'A party to MoUs: prison administration, police, probation, oversight.' })
export class Agency {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AgencyKind)
  kind!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Handling conditions that travel with a shared record and bind its recipient (LED Art. 9).' })
export class Handling {
  @Field(() => Tlp)
  tlp!: string;

  @Field(() => String, { nullable: true, description: 'Handling code set by the owner (e.g. P/C under UK 3x5x2).' })
  handlingCode!: string | null;

  @Field(() => OnwardDisclosure, { description: 'The stricter of the record\'s own rule and the rules of the clauses that shared it.' })
  onwardDisclosure!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the recipient must have erased its copy; null for the owner\'s own staff.' })
  retentionUntil!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
