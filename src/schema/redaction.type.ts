import { registerEnumType, Field, ObjectType } from 'type-graphql';

export const RedactionReason = { NO_CLAUSE: 'NO_CLAUSE', STATUTORY_EXCLUSION: 'STATUTORY_EXCLUSION' } as const;
registerEnumType(RedactionReason, {
  name: 'RedactionReason',
  description: 'Why a field of a shared record was withheld.',
  valuesConfig: {
    NO_CLAUSE: { description: 'No clause of an MoU in force grants this field of this record to the caller, for the declared purpose and the caller\'s roles.' },
    STATUTORY_EXCLUSION: { description: 'The field never crosses agencies (health, religion, ethnicity, dependants, intelligence source identity): no clause can grant it.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A field of this record that the response withholds: it is null in the data, for this reason.' })
export class Redaction {
  @Field(() => String, { description: 'The field\'s name in the schema (not an alias).' })
  field!: string;

  @Field(() => RedactionReason, { description: 'Why it is withheld.' })
  reason!: string;
}

/** The description of every shared record's `redactions` field. */
export const REDACTIONS_DESCRIPTION = 'The fields of this record that this response asked for and withholds (each null in the data), with the reason — the entries of extensions.liaison.redactions under this record, carried by the record itself so that they survive normalised client caches and pagination.';
