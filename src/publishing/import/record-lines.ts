import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** One line of an import file: its number (from 1, the header being line 1 of a CSV) and its fields, or why it is unreadable. */
export type RecordLine =
  | { line: number; fields: Record<string, unknown> }
  | { line: number; problem: string };

export type ImportFormat = 'csv' | 'jsonl';

/** The format of a file, from its name unless given. */
export function formatOf(file: string, given?: string): ImportFormat {
  const format = given ?? (/\.csv$/i.test(file) ? 'csv' : /\.(jsonl|ndjson|json)$/i.test(file) ? 'jsonl' : undefined);
  if (format !== 'csv' && format !== 'jsonl') throw new Error(`cannot tell the format of ${file}: name it .csv or .jsonl, or pass --format csv|jsonl`);
  return format;
}

/**
 * The records of a CSV file with a header row (csv-parse: quoting, embedded newlines, a BOM).
 * An empty cell is a field not given. Line numbers are the file's: the header is line 1.
 */
async function* csvLines(file: string): AsyncGenerator<RecordLine> {
  const parser = createReadStream(file).pipe(parse({
    columns: (header: string[]) => header.map((name) => name.trim()),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      const fields = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
      yield { line: info.lines, fields };
    }
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    // A malformed CSV (an unclosed quote) cannot be read past the fault: say where it is.
    throw new Error(`${file}${lines ? `, line ${lines}` : ''}: ${(error as Error).message}`);
  }
}

/** The records of a JSON-lines file: one JSON object per line; blank lines are skipped. */
async function* jsonLines(file: string): AsyncGenerator<RecordLine> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problem: `not JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { line, problem: 'not a JSON object' };
    else yield { line, fields: value as Record<string, unknown> };
  }
}

export const recordLines = (file: string, format: ImportFormat): AsyncGenerator<RecordLine> =>
  (format === 'csv' ? csvLines(file) : jsonLines(file));

/** How many records the file holds, roughly (its lines, less a CSV header), for the progress bar. */
export async function countLines(file: string, format: ImportFormat): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) count++;
  }
  return Math.max(0, count - (format === 'csv' ? 1 : 0) + 1);
}
