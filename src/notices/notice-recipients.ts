import type { EntityManager } from 'typeorm';

/**
 * The agencies whose staff received a record before it changed, as the disclosure log knows
 * them: entries of kind DISCLOSURE by another agency than the owner, recorded up to the change,
 * whose records name this record itself (not merely the prisoner it is about). The GIN index
 * on `subject_ids` finds the candidate entries; the entry's own text decides.
 */
export async function agenciesThatReceived(tx: EntityManager, recordId: string, ownerAgencyCode: string, upTo: Date): Promise<string[]> {
  const rows = await tx.query<{ agency_code: string }[]>(
    `SELECT DISTINCT l.agency_code FROM disclosure_log l
      WHERE l.subject_ids @> ARRAY[$1]::uuid[] AND l.kind = 'DISCLOSURE' AND l.agency_code <> $2 AND l.recorded_at <= $3
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(l.entry::jsonb -> 'records') g, jsonb_array_elements(g -> 'ids') i
                     WHERE i ->> 0 = $1::text AND g ->> 'ownerAgencyCode' = $2)
      ORDER BY l.agency_code`,
    [recordId, ownerAgencyCode, upTo],
  );
  return rows.map((r) => r.agency_code);
}
