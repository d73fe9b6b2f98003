import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPublicKey, trustedKeys } from '../../src/audit/audit-keys.js';
import { verifyExportFile } from '../../src/audit/export-verification.js';
import { DEV_AUDIT_PUBLIC_KEY_FILE } from '../../src/config.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { asSuperuser as runAsSuperuser, restoreLog, rewriteAndRehash, snapshotLog, type LogSnapshot } from '../support/log-tamper.js';

/**
 * Tampering with the disclosure log directly in PostgreSQL, as a superuser who bypasses the
 * append-only triggers, is found by `liaison audit verify` (the real CLI, in a child process),
 * which names the first bad entry and why. Exports verify offline with only the public key,
 * and a doctored export does not.
 */

let db: TestDatabase;
let gateway: TestGateway;
let dir: string;
let snapshot: LogSnapshot;

const ENTRIES = 12;
const SEALED_AT = 8;

const asSuperuser = (statements: string[]) => runAsSuperuser(db, statements);
const restore = () => restoreLog(db, snapshot);

const verify = (...args: string[]) => runLiaison(['audit', 'verify', ...args], { DATABASE_URL: db.url });

/** Through the CLI: exit status 2 and the first bad entry named. */
async function expectFirstBadEntry(seq: number, kind: string, detail?: RegExp): Promise<void> {
  const result = await verify();
  expect(result.code, result.stdout + result.stderr).toBe(2);
  expect(result.stdout).toContain(`NOT intact: first bad entry ${seq}: ${kind}`);
  if (detail) expect(result.stdout).toMatch(detail);
}

/** The same verification in-process (what the CLI prints is checked above; this keeps the suite quick). */
async function expectProblem(seq: number, kind: string, detail?: RegExp): Promise<void> {
  const { problem } = await gateway.disclosureLog.verify();
  expect(problem).toMatchObject({ seq, kind });
  if (detail) expect(problem!.detail).toMatch(detail);
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  dir = mkdtempSync(path.join(tmpdir(), 'liaison-audit-'));
  const requests = [
    () => gateway.graphql('{ riskFlags(first: 3) { edges { node { id summary } } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' }),
    () => gateway.graphql('{ releasePlans(first: 2) { edges { node { id releaseAddress } } } }', { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-9' }),
    () => gateway.graphql('{ prisoners(first: 2) { edges { node { id fullName } } } }', { token: demoTokens.prisonSecurityOfficer() }),
    () => gateway.graphql('{ riskFlags { totalCount } }', { token: demoTokens.policeAnalyst() }),
  ];
  for (let i = 0; i < ENTRIES; i += 1) {
    await requests[i % requests.length]!();
    // Distinct times, so that a period can cut between entries.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i + 1 === SEALED_AT) await gateway.disclosureLog.seal();
  }
  snapshot = await snapshotLog(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('liaison audit verify, on the database', () => {
  it('exits 0 on an intact log and says how much of it is sealed', async () => {
    const result = await verify();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`disclosure log intact: ${ENTRIES} entries (1–${ENTRIES}), 1 checkpoint verified, last sealed at entry ${SEALED_AT} `
      + `(signed ${(await gateway.disclosureLog.verify()).lastCheckpoint!.signedAt.toISOString()}, key ${gateway.disclosureLog.keys.signer!.keyId}), `
      + `${ENTRIES - SEALED_AT} entries after it not yet sealed\n`);
  });

  describe('names the first bad entry after tampering as a superuser', () => {
    // Each scenario starts from the honest log.
    afterEach(async () => {
      await restore();
      expect((await gateway.disclosureLog.verify()).intact).toBe(true);
    });

    it('an entry edited (who consulted)', async () => {
      await asSuperuser([`UPDATE disclosure_log SET entry = replace(entry, '"userId":"analyst-1"', '"userId":"nobody"'), user_id = 'nobody' WHERE seq = 5`]);
      await expectFirstBadEntry(5, 'EDITED', /content no longer matches its hash/);
    });

    it('an index column edited without its entry', async () => {
      await asSuperuser([`UPDATE disclosure_log SET purpose = 'PUBLIC_PROTECTION' WHERE seq = 9`]);
      await expectProblem(9, 'EDITED', /column purpose no longer matches the hashed entry/);
    });

    it('an entry removed', async () => {
      await asSuperuser(['DELETE FROM disclosure_log WHERE seq = 6']);
      await expectFirstBadEntry(6, 'REMOVED', /entry 6 is missing/);
    });

    it('an entry removed and the later ones renumbered', async () => {
      await asSuperuser([
        'DELETE FROM disclosure_log WHERE seq = 3',
        // Through negative numbers: the primary key is checked row by row.
        'UPDATE disclosure_log SET seq = -(seq - 1) WHERE seq > 3',
        'UPDATE disclosure_log SET seq = -seq WHERE seq < 0',
      ]);
      await expectProblem(3, 'REMOVED', /entry 3 was written as entry 4/);
    });

    it('the last entries removed', async () => {
      await asSuperuser([`DELETE FROM disclosure_log WHERE seq >= ${ENTRIES - 1}`]);
      await expectProblem(ENTRIES - 1, 'REMOVED', /missing from the end/);
    });

    it('two entries reordered', async () => {
      await asSuperuser([
        'UPDATE disclosure_log SET seq = -4 WHERE seq = 4',
        'UPDATE disclosure_log SET seq = 4 WHERE seq = 5',
        'UPDATE disclosure_log SET seq = 5 WHERE seq = -4',
      ]);
      await expectFirstBadEntry(4, 'REORDERED');
    });

    it('an entry rewritten and every later hash recomputed, the head moved: the signed checkpoint betrays it', async () => {
      // The attacker rewrites entry 4 (the analyst's) and re-links the rest of the chain in SQL, exactly as the trigger would.
      await asSuperuser(rewriteAndRehash(4));
      await expectProblem(SEALED_AT, 'EDITED', /does not match the checkpoint signed .* rewritten after its start/);
    });

    it('the gateway refuses to seal a log that no longer follows from its last checkpoint', async () => {
      await asSuperuser([`UPDATE disclosure_log SET entry = replace(entry, 'CASE-9', 'CASE-0') WHERE seq = 10`]);
      await expect(gateway.disclosureLog.seal()).rejects.toThrow(/not sealed: it is not intact at entry 10 \(EDITED/);
      expect(await db.sql('SELECT seq FROM disclosure_log_checkpoint')).toEqual([{ seq: String(SEALED_AT) }]);
    });

    it('a checkpoint signature forged', async () => {
      await asSuperuser([`UPDATE disclosure_log_checkpoint SET signature = decode(repeat('ab', 64), 'hex')`]);
      await expectFirstBadEntry(SEALED_AT, 'BAD_SIGNATURE', /signature does not verify/);
    });

    it('a checkpoint moved to seal another entry', async () => {
      await asSuperuser([`UPDATE disclosure_log_checkpoint SET seq = ${ENTRIES}, hash = (SELECT hash FROM disclosure_log WHERE seq = ${ENTRIES})`]);
      await expectProblem(ENTRIES, 'BAD_SIGNATURE');
    });

    it('a checkpoint added by someone without the key (no trigger needs bypassing)', async () => {
      await db.sql(`INSERT INTO disclosure_log_checkpoint (seq, hash, signed_at, key_id, signature)
        SELECT seq, hash, now(), $1, decode(repeat('00', 64), 'hex') FROM disclosure_log WHERE seq = 10`, [gateway.disclosureLog.keys.signer!.keyId]);
      await expectProblem(10, 'BAD_SIGNATURE');
    });
  });

  it('trusts only the keys it is given: checkpoints by an unknown key do not verify', async () => {
    const result = await runLiaison(['audit', 'verify'], { DATABASE_URL: db.url, LIAISON_AUDIT_SIGNING_KEY: writeKeyPair('other').privateKey });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(new RegExp(`first bad entry ${SEALED_AT}: BAD_SIGNATURE — .*not a trusted audit key`));
  });
});

describe('export for the regulator, verified offline', () => {
  it('a period exports as its entries in full, the chain around them as stubs, and the checkpoints; it verifies with only the public key', async () => {
    const rows = await db.sql<{ seq: string; recorded_at: Date }>('SELECT seq, recorded_at FROM disclosure_log ORDER BY seq');
    const from = rows[3]!.recorded_at.toISOString(); // entry 4
    const to = rows[6]!.recorded_at.toISOString(); // up to entry 6
    const file = path.join(dir, 'period.jsonl');
    const exported = await runLiaison(['audit', 'export', '--from', from, '--to', to, '--out', file], { DATABASE_URL: db.url });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('exported 3 entries');

    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines[0]).toMatchObject({ type: 'liaison.disclosure-log.export', version: 1, from, to, entries: 3, anchor: { seq: 0 }, sealedThrough: SEALED_AT });
    expect(lines.filter((l) => l.type === 'checkpoint').map((l) => l.seq)).toEqual([SEALED_AT]);
    expect(lines.filter((l) => l.type === 'entry').map((l) => l.seq)).toEqual([4, 5, 6]);
    const stubs = lines.filter((l) => l.type === 'stub');
    expect(stubs.map((l) => l.seq)).toEqual([1, 2, 3, 7, 8]);
    // Stubs carry nothing about the request: no user, no records.
    expect(Object.keys(stubs[0]!).sort()).toEqual(['entryDigest', 'hash', 'prevHash', 'recordedAt', 'seq', 'type']);
    for (const stub of stubs) expect(stub.recordedAt < from || stub.recordedAt >= to).toBe(true);

    const offline = await runLiaison(['audit', 'verify', '--file', file, '--public-key', DEV_AUDIT_PUBLIC_KEY_FILE], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(offline.code, offline.stdout + offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(/^export .* intact: 8 entries \(1–8\), 1 checkpoint verified, last sealed at entry 8/);
  });

  it('the whole log exports after sealing its head, and a doctored copy is caught', async () => {
    const file = path.join(dir, 'all.jsonl');
    const exported = await runLiaison(['audit', 'export', '--out', file], { DATABASE_URL: db.url });
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.includes('"type":"entry"'))).toHaveLength(ENTRIES);
    const check = (f: string, key = DEV_AUDIT_PUBLIC_KEY_FILE) => runLiaison(['audit', 'verify', '--file', f, '--public-key', key], {});
    expect((await check(file)).code).toBe(0);

    const doctored = (name: string, edit: (lines: string[]) => string[]): string => {
      const f = path.join(dir, name);
      writeFileSync(f, `${edit([...lines]).join('\n')}\n`);
      return f;
    };
    const edited = doctored('edited.jsonl', (ls) => ls.map((l) => (l.includes('"seq":6,') && l.includes('"type":"entry"') ? l.replace('CASE-9', 'CASE-0') : l)));
    expect(await check(edited)).toMatchObject({ code: 2, stdout: expect.stringContaining('first bad entry 6: EDITED') });
    // The rest in-process (the same verification the CLI runs).
    const trusted = trustedKeys([loadPublicKey(DEV_AUDIT_PUBLIC_KEY_FILE)]);
    const removed = doctored('removed.jsonl', (ls) => ls.filter((l) => !(l.includes('"type":"entry"') && l.includes('"seq":7,'))));
    expect((await verifyExportFile(removed, trusted)).problem).toMatchObject({ seq: 7, kind: 'REMOVED' });
    const unsealed = doctored('unsealed.jsonl', (ls) => ls.filter((l) => !l.includes('"type":"checkpoint"')));
    expect((await verifyExportFile(unsealed, trusted)).problem).toMatchObject({ seq: 1, kind: 'UNSEALED' });
    const stranger = trustedKeys([loadPublicKey(writeKeyPair('stranger').publicKey)]);
    expect((await verifyExportFile(file, stranger)).problem).toMatchObject({ seq: SEALED_AT, kind: 'BAD_SIGNATURE' });
    // An entry of the period passed off as a stub: its hashed time gives it away.
    const hidden = doctored('hidden.jsonl', (ls) => ls.map((l) => {
      const line = JSON.parse(l) as Record<string, any>;
      if (line.type !== 'entry' || line.seq !== 9) return l;
      const { entry, ...chain } = line;
      return JSON.stringify({ ...chain, type: 'stub', recordedAt: JSON.parse(entry).recordedAt, entryDigest: createHash('sha256').update(entry).digest('hex') });
    }));
    expect((await verifyExportFile(hidden, trusted)).problem).toMatchObject({ seq: 9, kind: 'REMOVED', detail: expect.stringContaining('holds only its digest') });
    const garbage = doctored('garbage.jsonl', (ls) => [...ls.slice(0, 3), '{not json', ...ls.slice(3)]);
    await expect(verifyExportFile(garbage, trusted)).rejects.toThrow('line 4: not JSON');
  });

  it('needs the public key to verify a file', async () => {
    const result = await runLiaison(['audit', 'verify', '--file', path.join(dir, 'all.jsonl')], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--file needs --public-key');
  });
});

/** A fresh Ed25519 key pair in PEM files; returns their paths. */
function writeKeyPair(name: string): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const files = { privateKey: path.join(dir, `${name}.private.pem`), publicKey: path.join(dir, `${name}.public.pem`) };
  writeFileSync(files.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(files.publicKey, publicKey.export({ type: 'spki', format: 'pem' }));
  return files;
}
