import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, SubjectType } from './enums.type.js';

export const NoticeChange = graphqlEnum(['CORRECTION', 'WITHDRAWAL'] as const, 'NoticeChange', 'What happened to a record that was disclosed.');

@ObjectType({
  simpleResolvers: true,
  description: 'A correction notice (LED Art. 7(3)): a record your agency\'s staff received was corrected or withdrawn by its owner. Read the record again (where you still may) and acknowledge the notice.',
})
export class Notice {
  @Field(() => ID, { description: 'The notice\'s id (acknowledgeNotice).' })
  id!: string;

  @Field(() => String, { description: 'The agency told.' })
  recipientAgencyCode!: string;

  @Field(() => String, { description: 'The record\'s owner.' })
  ownerAgencyCode!: string;

  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => ID, { description: 'The record corrected or withdrawn: read it again, where you still may.' })
  recordId!: string;

  @Field(() => ID, { nullable: true, description: 'The prisoner it is about, when your agency received the prisoner\'s record too; otherwise null.' })
  prisonerId!: string | null;

  @Field(() => NoticeChange, { description: 'Corrected or withdrawn.' })
  change!: string;

  @Field(() => Int, { description: 'The record\'s revision after the change.' })
  revision!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the record was corrected or withdrawn.' })
  occurredAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the notice was issued.' })
  createdAt!: Date;

  @Field(() => Boolean, { description: 'Whether someone at the recipient agency acknowledged it.' })
  acknowledged!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was acknowledged.' })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The user who acknowledged it.' })
  acknowledgedBy!: string | null;

  @Field(() => Boolean, { description: 'Left unacknowledged too long: re-sent and escalated to the recipient agency\'s MOU_ADMINs.' })
  escalated!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was re-sent and escalated.' })
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
