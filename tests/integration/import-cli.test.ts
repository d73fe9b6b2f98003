import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Bulk synchronisation (issue 12, item 5): `liaison import` — the real CLI, in a child process —
 * reads 10,000 CSV lines of risk flags, 3 of them bad: it commits the 9,997 good ones, reports
 * each bad line by number with every problem, exits 1, and a re-run changes nothing.
 */

let db: TestDatabase;
let dir: string;
const LINES = 10_000;
const BAD = new Map<number, string>(); // file line number → expected problem

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'liaison-import-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

const CATEGORIES = ['VIOLENCE', 'ESCAPE', 'RADICALISATION_INFLUENCE', 'GANG_AFFILIATION'];

async function writeCsv(): Promise<string> {
  const prisoners = (await db.sql<{ external_id: string }>(`SELECT external_id FROM prisoner WHERE owner_agency_code = 'PRISONS' ORDER BY external_id`)).map((r) => r.external_id);
  const rows = ['externalId,prisonerExternalId,category,severity,summary,raisedAt,reviewDate'];
  for (let i = 0; i < LINES; i++) {
    const line = i + 2; // the header is line 1
    let row = `IMP-${i},${prisoners[i % prisoners.length]},${CATEGORIES[i % 4]},${['LOW', 'MODERATE', 'HIGH'][i % 3]},"Imported flag ${i}, from the system of record",2026-0${1 + (i % 9)}-15T08:00:00Z,2027-01-31`;
    if (i === 8) { row = row.replace(',VIOLENCE,', ',ARSON,'); BAD.set(line, 'category: must be one of'); }
    if (i === 4_999) { row = row.replace(`,${prisoners[i % prisoners.length]},`, ',NOT-A-PRISONER,'); BAD.set(line, 'prisonerExternalId: no prisoner of PRISONS has external id "NOT-A-PRISONER"'); }
    if (i === 9_998) { row = row.replace(/,(LOW|MODERATE|HIGH),/, ',,'); BAD.set(line, 'severity: is required'); }
    rows.push(row);
  }
  const file = path.join(dir, 'flags.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

const importFlags = (file: string) => runLiaison(['import', '--agency', 'PRISONS', '--kind', 'risk-flags', '--as', 'nomis-sync', file], { DATABASE_URL: db.url });

describe('liaison import of 10,000 CSV lines with 3 bad ones', () => {
  let file: string;

  it('commits 9,997, reports the 3 by line with their problems, exits 1', async () => {
    file = await writeCsv();
    const result = await importFlags(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^10000 lines: 9997 created, 0 updated, 0 unchanged, 3 rejected in /m);
    const reported = result.stderr.split('\n').filter((l) => l.startsWith('line '));
    expect(reported).toHaveLength(3);
    for (const [line, problem] of BAD) expect(reported.find((r) => r.startsWith(`line ${line}: `))).toContain(problem);
    expect(await db.sql(`SELECT count(*)::int AS n FROM risk_flag WHERE external_id LIKE 'IMP-%' AND owner_agency_code = 'PRISONS'`)).toEqual([{ n: 9_997 }]);
    expect(await db.sql(`SELECT count(*)::int AS n FROM record_revision WHERE channel = 'CLI_IMPORT' AND user_id = 'nomis-sync'`)).toEqual([{ n: 9_997 }]);
    const [one] = await db.sql(`SELECT summary, category, severity, raised_at FROM risk_flag WHERE external_id = 'IMP-7'`);
    expect(one).toMatchObject({ summary: 'Imported flag 7, from the system of record', category: 'GANG_AFFILIATION', severity: 'MODERATE' });
    const entries = await db.sql<{ n: number; records: number }>(
      `SELECT count(*)::int AS n, sum(cardinality(subject_ids))::int AS records FROM disclosure_log WHERE kind = 'COLLECTION' AND user_id = 'nomis-sync' AND entry LIKE '%"channel":"CLI_IMPORT"%'`,
    );
    expect(entries[0]!.n).toBe(20); // one per batch of 500
  }, 60_000);

  it('a re-run changes nothing: no revision, no feed event', async () => {
    const revisions = await db.sql(`SELECT count(*)::int AS n FROM record_revision`);
    const events = await db.sql(`SELECT count(*)::int AS n FROM change_event`);
    const result = await importFlags(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^10000 lines: 0 created, 0 updated, 9997 unchanged, 3 rejected in /m);
    expect(await db.sql(`SELECT count(*)::int AS n FROM record_revision`)).toEqual(revisions);
    expect(await db.sql(`SELECT count(*)::int AS n FROM change_event`)).toEqual(events);
  }, 60_000);

  it('JSON lines: an unreadable line is reported by number; a clean file exits 0', async () => {
    const jsonl = path.join(dir, 'flags.jsonl');
    writeFileSync(jsonl, [
      JSON.stringify({ externalId: 'IMP-7', severity: 'VERY_HIGH' }),
      '{"externalId": "IMP-8", ',
      '',
      JSON.stringify({ externalId: 'IMP-9', sevrity: 'LOW' }),
    ].join('\n'));
    const result = await importFlags(jsonl);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^3 lines: 0 created, 1 updated, 0 unchanged, 2 rejected/m);
    expect(result.stderr).toMatch(/^line 2: line: not JSON/m);
    expect(result.stderr).toMatch(/^line 4: sevrity: is not a field a RiskFlag is written with/m);
    writeFileSync(jsonl, JSON.stringify({ externalId: 'IMP-7', severity: 'VERY_HIGH' }));
    const clean = await importFlags(jsonl);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^1 lines: 0 created, 0 updated, 1 unchanged, 0 rejected/m);
    // A record named twice: the lines apply in file order, the last one wins.
    writeFileSync(jsonl, [JSON.stringify({ externalId: 'IMP-7', severity: 'LOW' }), JSON.stringify({ externalId: 'IMP-7', severity: 'MODERATE' })].join('\n'));
    const twice = await importFlags(jsonl);
    expect(twice.stdout).toMatch(/^2 lines: 0 created, 2 updated, 0 unchanged, 0 rejected/m);
    expect(await db.sql(`SELECT severity FROM risk_flag WHERE external_id = 'IMP-7'`)).toEqual([{ severity: 'MODERATE' }]);
  }, 60_000);
});
