import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { Purpose, SubjectType } from './enums.type.js';
import { Mou } from './mou.type.js';

@ObjectType({ simpleResolvers: true, description: 'How many records a field becomes or stops being readable on.' })
export class FieldImpact {
  @Field(() => String, { description: 'The field.' })
  field!: string;

  @Field(() => Int, { description: 'Records on which the field would become readable.' })
  rowsGained!: number;

  @Field(() => Int, { description: 'Records on which the field would stop being readable.' })
  rowsLost!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What changes for one kind of record, counted in PostgreSQL with the SQL the live policy uses, over the provider\'s records.' })
export class SubjectImpact {
  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => Int, { description: 'Records readable now.' })
  rowsBefore!: number;

  @Field(() => Int, { description: 'Records readable with the draft in force.' })
  rowsAfter!: number;

  @Field(() => Int, { description: 'Records readable after but not before.' })
  rowsGained!: number;

  @Field(() => Int, { description: 'Records readable before but not after.' })
  rowsLost!: number;

  @Field(() => [String], { description: 'Fields a clause of the provider would grant that none grants now.' })
  fieldsGained!: string[];

  @Field(() => [String], { description: 'Fields a clause grants now that none would grant.' })
  fieldsLost!: string[];

  @Field(() => [FieldImpact], { description: 'Per field, the records on which it becomes or stops being readable (changed fields only).' })
  fieldChanges!: FieldImpact[];

  @Field(() => [ID], { nullable: true, description: 'Up to 5 gained record ids; null unless you administer the provider or are an inspectorate auditor.' })
  sampleGainedIds!: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Up to 5 lost record ids; null unless you administer the provider or are an inspectorate auditor.' })
  sampleLostIds!: string[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'Staff of the recipient holding one role, declaring one purpose (with a case reference).' })
export class ImpactAudience {
  @Field(() => String, { description: 'The recipient\'s role.' })
  role!: string;

  @Field(() => Purpose, { description: 'The purpose.' })
  purpose!: string;

  @Field(() => [SubjectImpact], { description: 'Per kind of record, what that role gains and loses.' })
  subjects!: SubjectImpact[];
}

@ObjectType({ simpleResolvers: true, description: 'What the recipient would gain and lose if this version came into force in place of what is in force now.' })
export class MouImpact {
  @Field(() => Mou, { description: 'The version previewed.' })
  mou!: Mou;

  @Field(() => Agency, { description: 'The agency whose records it shares.' })
  provider!: Agency;

  @Field(() => Agency, { description: 'The agency that would receive them.' })
  recipient!: Agency;

  @Field(() => Int, { nullable: true, description: 'The version in force now that this one would supersede.' })
  replacesVersion!: number | null;

  @Field(() => GraphQLDateTimeISO, { description: 'Relative dates in conditions are resolved at this instant.' })
  evaluatedAt!: Date;

  @Field(() => Int, { description: 'The policy revision the preview was computed at.' })
  policyRevision!: number;

  @Field(() => Boolean, { description: 'Whether sample record ids are shown (to the provider\'s MOU_ADMINs and auditors only).' })
  sampleIdsDisclosed!: boolean;

  @Field(() => [ImpactAudience], { description: 'Per recipient role and purpose, what changes.' })
  audiences!: ImpactAudience[];
}
