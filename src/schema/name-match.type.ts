import { IsOptional, Length, Matches } from 'class-validator';
import { GraphQLLocalDate } from './date-scalars.js';
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { MATCH_METHODS } from '../names/core/ranking.js';
import { graphqlEnum, NameKind, NameScript } from './enums.type.js';
import { PlainText } from './validation.js';

export const MatchMethod = graphqlEnum(
  [...MATCH_METHODS, 'DATE_OF_BIRTH', 'DATE_OF_BIRTH_TOLERANT'] as const,
  'MatchMethod',
  'How a searched name (or date of birth) matched: EXACT (the same text), NORMALISED (the same once case, accents, Arabic marks and particles are set aside), '
  + 'GIVEN_NAME_EQUIVALENT (a spelling of the same given name in the equivalence table), TRANSLITERATION (the same consonant skeleton across scripts: محمد / Mohammed), '
  + 'CONSONANT_KEY (the same consonant skeleton: Husein / Hussein), PHONETIC (Double Metaphone), TYPO (one or two letters missing, added, changed or swapped), TRIGRAM (similar spelling by trigrams), '
  + 'DATE_OF_BIRTH (the date given), DATE_OF_BIRTH_TOLERANT (a year either side, or day and month swapped).',
);

@ObjectType({ simpleResolvers: true, description: 'The recorded name variant a match was made on: the prisoner\'s full name or one of their names, as the caller may see it.' })
export class MatchedNameVariant {
  @Field(() => String, { description: 'fullName or names: the field the variant is held in.' })
  field!: string;

  @Field(() => String, { description: 'The recorded name variant.' })
  value!: string;

  @Field(() => NameScript, { description: 'Its script.' })
  script!: string;

  @Field(() => NameKind, { description: 'Primary name, alias or transliteration.' })
  kind!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One reason a candidate was returned.' })
export class MatchReason {
  @Field(() => MatchMethod, { description: 'How the part matched.' })
  method!: string;

  @Field(() => Float, { description: 'How strongly this part matched, 0–1.' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'The searched name part (normalised), or the date of birth searched.' })
  queryPart!: string | null;

  @Field(() => String, { nullable: true, description: 'The part of the variant it matched (normalised), or the date of birth recorded.' })
  matchedPart!: string | null;

  @Field(() => MatchedNameVariant, { nullable: true, description: 'The name variant matched; null for a date-of-birth reason.' })
  variant!: MatchedNameVariant | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Why a prisoner is a candidate for the person searched. A candidate is NOT an identification: '
    + 'names are shared by many people and spelt many ways; the officer must confirm identity by other means before acting on it.',
})
export class NameMatch {
  @Field(() => Float, { description: 'Match score, 0–1: the mean strength of the searched name parts matched on the best variant (and the date of birth, when given). Comparable within one search only.' })
  score!: number;

  @Field(() => [MatchReason], { description: 'Which method matched which part on which name variant (best variant first), and the date of birth.' })
  reasons!: MatchReason[];
}

@InputType({ description: 'A person to search for. Only the name is required.' })
export class PersonSearchInput {
  @Field(() => String, { description: 'A name in any script and spelling, parts in any order (e.g. "Abdul Rahman", "عبدالله", "Ben Ali Mohamed").' })
  @Length(2, 100) @PlainText()
  name!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Matched exactly, a year either side, or with day and month swapped; prisoners of another recorded date of birth are left out.' })
  @IsOptional()
  dateOfBirth?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3; prisoners of another recorded nationality are left out.' })
  @IsOptional() @Matches(/^[A-Z]{3}$/)
  nationality?: string;
}
