import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, SubjectType } from './enums.type.js';

export const NoticeChange = graphqlEnum(['CORRECTION', 'WITHDRAWAL'] as const, 'NoticeChange', 'What happened to a record that was disclosed.');

@ObjectType({
  simpleResolvers: true,
  description: 'A correction notice (LED Art. 7(3)): a record your agency\'s staff received was corrected or withdrawn by its owner. Read the record again (where you still may) and acknowledge the notice.',
})
export class Notice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The agency told.' })
  recipientAgencyCode!: string;

  @Field(() => String, { description: 'The record\'s owner.' })
  ownerAgencyCode!: string;

  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => ID, { nullable: true })
  prisonerId!: string | null;

  @Field(() => NoticeChange)
  change!: string;

  @Field(() => Int, { description: 'The record\'s revision after the change.' })
  revision!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the record was corrected or withdrawn.' })
  occurredAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => Boolean)
  acknowledged!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The user who acknowledged it.' })
  acknowledgedBy!: string | null;

  @Field(() => Boolean, { description: 'Left unacknowledged too long: re-sent and escalated to the recipient agency\'s MOU_ADMINs.' })
  escalated!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  escalatedAt!: Date | null;
}

@InputType({ description: 'Which notices.' })
export class NoticeFilter {
  @Field(() => Boolean, { nullable: true, description: 'Acknowledged (true) or not yet (false).' })
  acknowledged?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Escalated to the MOU_ADMINs (true) or not (false).' })
  escalated?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'About this record.' })
  recordId?: string | null;
}
