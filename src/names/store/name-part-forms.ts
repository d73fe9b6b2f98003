import type { SqlExecutor } from '../../seed/bulk-insert.js';

/**
 * The forms of name parts held (table `name_part_form`, filled by the name-key store), looked
 * up by trigram similarity (pg_trgm's threshold) or by edit distance (fuzzystrmatch; one edit,
 * two from seven letters): a misspelt part ("Ibrahin", "Clakre") is searched as the held
 * forms it is close to, through the same key indexes as any part. Forms only widen which
 * keys are looked at; a match is still scored, and only on variants the caller may see.
 */

const PER_PART = 8;

/** For each searched part (its first form), the held forms close to it, most similar first. */
export async function similarForms(db: SqlExecutor, parts: readonly string[]): Promise<string[][]> {
  if (parts.length === 0) return [];
  const rows = (await db.query(
    `SELECT q.i::int AS i, f.form
       FROM unnest($1::text[]) WITH ORDINALITY AS q(part, i)
       CROSS JOIN LATERAL (
         SELECT form FROM name_part_form
          WHERE form <> q.part AND (form % q.part OR (
                length(q.part) >= 4 AND abs(length(form) - length(q.part)) <= 2
                AND levenshtein_less_equal(form, q.part, CASE WHEN length(q.part) >= 7 THEN 2 ELSE 1 END) <= CASE WHEN length(q.part) >= 7 THEN 2 ELSE 1 END))
          ORDER BY levenshtein_less_equal(form, q.part, 3), similarity(form, q.part) DESC, form LIMIT $2) f`,
    [parts, PER_PART],
  )) as { i: number; form: string }[];
  const out = parts.map((): string[] => []);
  for (const row of rows) out[row.i - 1]!.push(row.form);
  return out;
}
