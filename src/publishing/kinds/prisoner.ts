import { CUSTODY_STATUSES, GENDERS, NAME_KINDS, NAME_SCRIPTS, VEP_STATUSES } from '../../domain/enums.js';
import { date, oneOf, recordsOf, text } from '../field-types.js';
import { PRISONER_NAMES_SQL, writeNameSearchKeys, writePrisonerNames, type PrisonerName } from '../prisoner-names.js';
import { field, HANDLING_FIELDS, type RecordKind } from '../record-kind.js';

/** A prisoner file (Mandela Rules 7–8) as its owner writes it; the external id defaults to nothing: it is required by upserts. */
export const PRISONER_KIND: RecordKind = {
  subject: 'Prisoner',
  importName: 'prisoners',
  table: 'prisoner',
  linkedToPrisoner: false,
  fields: Object.fromEntries([
    field('prisonNumber', text(40), { required: true }),
    field('nationalId', text(40), { nullable: true }),
    field('fullName', text(200), { required: true }),
    ['names', {
      type: recordsOf({
        value: { type: text(200), required: true }, script: { type: oneOf(NAME_SCRIPTS), required: true }, kind: { type: oneOf(NAME_KINDS), required: true },
      }, 20, false),
      column: 'names', nullable: true, children: { read: PRISONER_NAMES_SQL },
    }],
    field('dateOfBirth', date, { nullable: true }),
    field('gender', oneOf(GENDERS), { nullable: true }),
    field('nationality', text(60), { nullable: true }),
    ['facility', { type: text(40), column: 'facility_id', nullable: true, reference: { table: 'facility', key: 'code' } }],
    field('custodyStatus', oneOf(CUSTODY_STATUSES), { required: true }),
    field('vepStatus', oneOf(VEP_STATUSES), { defaultValue: () => 'NONE' }),
    field('expectedReleaseDate', date, { nullable: true }),
    field('religion', text(200), { nullable: true }),
    field('ethnicity', text(200), { nullable: true }),
    field('healthNotes', text(4_000), { nullable: true }),
    field('dependants', text(2_000), { nullable: true }),
    ...HANDLING_FIELDS,
  ]),
  afterWrite: (client, written) =>
    writeNameSearchKeys(client, written.filter((w) => w.fields.includes('fullName') || w.fields.includes('names')).map((w) => w.id)),
  writeChildren: (client, records) =>
    writePrisonerNames(client, records.map((r) => ({ prisonerId: r.id, names: (r.state.names ?? []) as unknown as PrisonerName[] }))),
};
