import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMouExport, runMouImport } from '../../src/cli/commands/mou.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { formatMouDocument, parseMouDocument, type MouDocument } from '../../src/mou/rules/mou-document.js';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { mouApi, ok, refused, VEP_CLASSIFICATION_CLAUSE } from '../support/mou-api.js';

/**
 * MoUs as YAML documents (issue 3, item 6): `liaison mou export` / `liaison mou import`, run
 * in-process against real PostgreSQL (the command-line wrapper is exercised by the
 * two-process test, which builds dist/).
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;
const dir = mkdtempSync(path.join(tmpdir(), 'liaison-mou-docs-'));
const docsFile = (reference: string) => path.join(PACKAGE_ROOT, 'docs', 'mous', `${reference}.yaml`);

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('the demo MoUs as documents', () => {
  it.each(DEMO_MOUS.map((d) => [d.reference, d] as const))('%s: docs/mous is the export of the seeded MoU and parses back to the demo document', async (reference, demo) => {
    const committed = readFileSync(docsFile(reference), 'utf8');
    expect(await runMouExport(db.dataSource, { reference })).toBe(committed);
    const { document, problems } = parseMouDocument(committed);
    expect(problems).toEqual([]);
    expect(document).toEqual(JSON.parse(JSON.stringify(demo)) as MouDocument);
  });

  it('exports a chosen version to a file', async () => {
    const out = path.join(dir, 'export.yaml');
    await runMouExport(db.dataSource, { reference: 'MOU-POLICE-PRISONS-01', version: 1, out });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(docsFile('MOU-POLICE-PRISONS-01'), 'utf8'));
    await expect(runMouExport(db.dataSource, { reference: 'MOU-POLICE-PRISONS-01', version: 7 })).rejects.toThrow('no MoU MOU-POLICE-PRISONS-01 version 7');
  });
});

describe('import', () => {
  it('creates version 1 of a new reference as a DRAFT drafted by --as, logged as a CLI action', async () => {
    const document: MouDocument = {
      ...DEMO_MOUS[0]!, reference: 'MOU-PRISONS-POLICE-IMPORTED', version: 7, title: 'Imported',
      clauses: [{ ...VEP_CLASSIFICATION_CLAUSE, purposes: ['COUNTER_TERRORISM'] } as MouDocument['clauses'][number]],
    };
    const outcome = await runMouImport(db.dataSource, { file: write('new.yaml', formatMouDocument(document)), as: 'alice' });
    expect(outcome.ok).toBe(true);
    const draft = outcome.ok ? outcome.mou : null;
    expect(draft).toMatchObject({ reference: 'MOU-PRISONS-POLICE-IMPORTED', version: 1, status: 'DRAFT', createdBy: 'alice', authors: ['PRISONS:alice'] });

    const log = (await api.events(demoTokens.mouAdmin('PRISONS'), { mouId: draft!.id })).body.data.mouAdminEvents;
    expect(log.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({
      action: 'IMPORT', outcome: 'SUCCEEDED', channel: 'CLI', actorUserId: 'alice', actorAgency: { code: 'PRISONS' },
      request: { document: expect.objectContaining({ reference: 'MOU-PRISONS-POLICE-IMPORTED' }) },
    })]);

    // The importer is its author: four eyes apply as to any draft.
    ok(await api.submit(demoTokens.mouAdmin('PRISONS', 'alice'), draft!.id));
    refused(await api.approve(demoTokens.mouAdmin('PRISONS', 'alice'), draft!.id), 'FORBIDDEN', 'AUTHOR_MAY_NOT_APPROVE');
  });

  it('amends the MoU in force when the reference exists (export, edit, import = version n+1)', async () => {
    const exported = await runMouExport(db.dataSource, { reference: 'MOU-PRISONS-PROBATION-01' });
    const edited = exported.replaceAll('$daysFromNow: 180', '$daysFromNow: 270');
    const outcome = await runMouImport(db.dataSource, { file: write('amended.yaml', edited), as: 'bob' });
    expect(outcome.ok).toBe(true);
    const draft = outcome.ok ? outcome.mou : null;
    expect(draft).toMatchObject({ reference: 'MOU-PRISONS-PROBATION-01', version: 2, status: 'DRAFT', authors: ['PRISONS:bob'] });
    expect(draft!.clauses[0]!.conditions).toEqual({ expectedReleaseDate: { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: 270 } } });
    const v1 = ok(await api.get(demoTokens.mouAdmin('PROBATION'), { reference: 'MOU-PRISONS-PROBATION-01', version: 1 }));
    expect(v1.status).toBe('ACTIVE');

    const again = await runMouImport(db.dataSource, { file: write('again.yaml', edited), as: 'bob' });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining('AMENDMENT_IN_PROGRESS') });
  });

  it('refuses an invalid file with every problem listed', async () => {
    const text = readFileSync(docsFile('MOU-PRISONS-POLICE-01'), 'utf8')
      .replace('reference: MOU-PRISONS-POLICE-01', 'reference: MOU-PRISONS-POLICE-BROKEN')
      .replace('expectedReleaseDate]', 'expectedReleaseDate, religion]')
      .replace('retentionDays: 730', 'retentionDays: forever')
      .replace('maxTlp: AMBER', 'maxTlp: AMBER\n    sharedWithEveryone: true');
    const shape = await runMouImport(db.dataSource, { file: write('broken.yaml', text), as: 'carol' });
    expect(shape.ok).toBe(false);
    const shapeProblems = shape.ok ? [] : shape.problems;
    expect(shapeProblems).toEqual([
      { position: 0, clause: 'VEP identity and custody', path: 'sharedWithEveryone', message: expect.stringContaining('unknown key') },
      { position: 0, clause: 'VEP identity and custody', path: 'retentionDays', message: 'must be a whole number' },
    ]);

    const meaning = await runMouImport(db.dataSource, {
      file: write('statutory.yaml', text.replace('retentionDays: forever', 'retentionDays: 730').replace('\n    sharedWithEveryone: true', '')),
      as: 'carol',
    });
    expect(meaning.ok ? [] : meaning.problems).toEqual([
      { position: 0, clause: 'VEP identity and custody', path: 'fields.religion', message: '"religion" is a statutory exclusion; no MoU may grant it' },
    ]);
    expect(await db.sql(`SELECT 1 FROM mou WHERE reference = 'MOU-PRISONS-POLICE-BROKEN'`)).toEqual([]);

    const syntax = await runMouImport(db.dataSource, { file: write('syntax.yaml', 'reference: [unclosed\n'), as: 'carol' });
    expect(syntax.ok ? [] : syntax.problems).toEqual([expect.objectContaining({ path: expect.stringMatching(/^line \d+, column \d+$/) })]);
    const log = (await api.events(demoTokens.auditor(), { actions: ['IMPORT'], outcomes: ['REFUSED'] })).body.data.mouAdminEvents;
    expect(log.totalCount).toBeGreaterThanOrEqual(3);
  });
});
