import { LICENCE_CONDITION_TYPES, RELEASE_TYPES } from '../../domain/enums.js';
import { date, oneOf, recordsOf, text, textList } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind } from '../record-kind.js';

const LICENCE_CONDITIONS_SQL = `SELECT coalesce(jsonb_agg(jsonb_build_object('type', c.type, 'details', c.details) ORDER BY c.position), '[]'::jsonb)
  FROM licence_condition c WHERE c.release_plan_id = t.id`;

/** A release plan with its licence conditions (in the order given: they are read out to the person released). */
export const RELEASE_PLAN_KIND: RecordKind = {
  subject: 'ReleasePlan',
  importName: 'release-plans',
  table: 'release_plan',
  linkedToPrisoner: true,
  fields: Object.fromEntries([
    field('expectedReleaseDate', date, { required: true }),
    field('releaseType', oneOf(RELEASE_TYPES), { required: true }),
    field('releaseAddress', text(500), { nullable: true }),
    field('supervisingOffice', text(200), { nullable: true }),
    ['licenceConditions', {
      type: recordsOf({ type: { type: oneOf(LICENCE_CONDITION_TYPES), required: true }, details: { type: text(1_000), required: false } }, 30, true),
      column: 'licence_conditions', nullable: true, children: { read: LICENCE_CONDITIONS_SQL },
    }],
    field('postReleaseServices', textList(20, 200), { defaultValue: () => [] }),
    ...HANDLING_FIELDS,
  ]),
  async writeChildren(client, records) {
    await client.query('DELETE FROM licence_condition WHERE release_plan_id = ANY($1::uuid[])', [records.map((r) => r.id)]);
    const rows = records.flatMap((r) => ((r.state.licenceConditions ?? []) as { type: string; details: string | null }[])
      .map((c, position) => ({ release_plan_id: r.id, position, type: c.type, details: c.details })));
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO licence_condition (release_plan_id, position, type, details)
       SELECT x.release_plan_id, x.position, x.type, x.details
         FROM jsonb_to_recordset($1::jsonb) AS x(release_plan_id uuid, position integer, type text, details text)`,
      [JSON.stringify(rows)],
    );
  },
};
