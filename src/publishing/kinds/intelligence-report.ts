import type pg from 'pg';
import { GRADING_SCHEMES, INTELLIGENCE_PRIORITIES } from '../../domain/enums.js';
import { oneOf, text, textList } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind, type RecordProblem } from '../record-kind.js';

const SUBJECTS_SQL = `SELECT coalesce(jsonb_agg(p.external_id ORDER BY p.external_id), '[]'::jsonb)
  FROM intelligence_report_subject s JOIN prisoner p ON p.id = s.prisoner_id WHERE s.report_id = t.id`;

/**
 * Sanitised, graded intelligence. Its subjects are prisoners of the same agency, named by
 * external id (`subjects`); the source reference never leaves the originator (a statutory
 * exclusion on every read by another agency).
 */
export const INTELLIGENCE_REPORT_KIND: RecordKind = {
  subject: 'IntelligenceReport',
  importName: 'intelligence-reports',
  table: 'intelligence_report',
  linkedToPrisoner: false,
  fields: Object.fromEntries([
    field('gradingScheme', oneOf(GRADING_SCHEMES), { required: true }),
    field('sourceEvaluation', text(10), { required: true }),
    field('intelligenceAssessment', text(10), { required: true }),
    field('sanitisedText', text(20_000), { nullable: true }),
    field('sourceReference', text(200), { nullable: true }),
    field('priority', oneOf(INTELLIGENCE_PRIORITIES), { defaultValue: () => 'ROUTINE' }),
    ['subjects', { type: textList(50, 200), column: 'subjects', nullable: true, children: { read: SUBJECTS_SQL } }],
    ...HANDLING_FIELDS,
  ]),
  async checkReferences(client: pg.ClientBase, owner: string, states) {
    const wanted = [...new Set(states.flatMap((s) => (s.subjects ?? []) as string[]))];
    const { rows } = wanted.length
      ? await client.query<{ external_id: string }>('SELECT external_id FROM prisoner WHERE owner_agency_code = $1 AND external_id = ANY($2::text[]) AND withdrawn_at IS NULL', [owner, wanted])
      : { rows: [] };
    const known = new Set(rows.map((r) => r.external_id));
    return states.map((s): RecordProblem[] => ((s.subjects ?? []) as string[]).filter((id) => !known.has(id))
      .map((id) => ({ path: 'subjects', message: `no prisoner of ${owner} has external id ${JSON.stringify(id)}` })));
  },
  async writeChildren(client, records) {
    await client.query('DELETE FROM intelligence_report_subject WHERE report_id = ANY($1::uuid[])', [records.map((r) => r.id)]);
    const rows = records.flatMap((r) => ((r.state.subjects ?? []) as string[]).map((externalId) => ({ report_id: r.id, external_id: externalId })));
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO intelligence_report_subject (report_id, prisoner_id)
       SELECT x.report_id, p.id FROM jsonb_to_recordset($1::jsonb) AS x(report_id uuid, external_id text)
         JOIN prisoner p ON p.external_id = x.external_id AND p.owner_agency_code = (SELECT owner_agency_code FROM intelligence_report WHERE id = x.report_id)`,
      [JSON.stringify(rows)],
    );
  },
};
