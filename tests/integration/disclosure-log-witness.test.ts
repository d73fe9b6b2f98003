import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPublicKey, trustedKeys } from '../../src/audit/audit-keys.js';
import { verifyReceipt } from '../../src/audit/core/receipt.js';
import { hasValidSignature, parseNote } from '../../src/audit/core/signed-note.js';
import { verifyDisclosureLog } from '../../src/audit/log-verification.js';
import { DEV_AUDIT_PUBLIC_KEY_FILE } from '../../src/config.js';
import { LogSealer } from '../../src/audit/store/log-sealer.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { asSuperuser, restoreLog, rewriteAndRehash, snapshotLog, type LogSnapshot } from '../support/log-tamper.js';

/**
 * Checkpoints out of the database's control (issue 11, item 1). A superuser who bypasses the
 * triggers can rewrite an entry, recompute every later hash AND delete the checkpoints that
 * sealed it: the database alone then verifies. What betrays the rewrite is what the database
 * does not hold — the checkpoints published as they were signed (and the inspectorate's
 * copies), the numbering of checkpoints, and the sealing schedule — and the sealer, which
 * extends only the last published checkpoint, never signs the forged head.
 */

let db: TestDatabase;
let gateway: TestGateway;
let published: string;
let inspectorate: string;
let honest: LogSnapshot;

const ENTRIES = 12;
const REWRITTEN = 5;

const verifyCli = (env: Record<string, string> = {}, ...args: string[]) => runLiaison(['audit', 'verify', ...args], { DATABASE_URL: db.url, ...env });
const checkpointSeqs = async () => (await db.sql<{ seq: string }>('SELECT seq FROM disclosure_log_checkpoint ORDER BY seq')).map((r) => Number(r.seq));

beforeAll(async () => {
  db = await createTestDatabase();
  published = mkdtempSync(path.join(tmpdir(), 'liaison-published-'));
  inspectorate = mkdtempSync(path.join(tmpdir(), 'liaison-inspectorate-'));
  gateway = await startTestGateway(db, { env: { LIAISON_AUDIT_CHECKPOINT_DIR: published } });
  const requests = [
    () => gateway.graphql('{ riskFlags(first: 3) { edges { node { id summary } } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' }),
    () => gateway.graphql('{ releasePlans(first: 2) { edges { node { id releaseAddress } } } }', { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-9' }),
    () => gateway.graphql('{ prisoners(first: 2) { edges { node { id fullName } } } }', { token: demoTokens.prisonSecurityOfficer() }),
    () => gateway.graphql('{ riskFlags { totalCount } }', { token: demoTokens.policeAnalyst() }),
  ];
  for (let i = 1; i <= ENTRIES; i += 1) {
    await requests[(i - 1) % requests.length]!();
    if (i === 4 || i === 8) await gateway.disclosureLog.seal();
  }
  // The inspectorate keeps its own copies of what was published.
  cpSync(published, inspectorate, { recursive: true });
  honest = await snapshotLog(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
  for (const dir of [published, inspectorate]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('checkpoints leave the database as they are signed', () => {
  it('numbered, each published as a signed note with the Merkle root of the entries it seals', async () => {
    expect(readdirSync(published)).toEqual(['00000001.checkpoint', '00000002.checkpoint']);
    const rows = await db.sql<{ seq: string; number: string }>('SELECT seq, number FROM disclosure_log_checkpoint ORDER BY seq');
    expect(rows).toEqual([{ seq: '4', number: '1' }, { seq: '8', number: '2' }]);
    const result = await verifyCli({ LIAISON_AUDIT_CHECKPOINT_DIR: published });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/disclosure log intact: 12 entries \(1–12\), 2 checkpoints verified/);
  });
});

describe('a superuser rewrites an entry, re-hashes the chain and deletes the checkpoints after it', () => {
  afterEach(async () => {
    await restoreLog(db, honest);
  });

  const attack = () => asSuperuser(db, [...rewriteAndRehash(REWRITTEN), `DELETE FROM disclosure_log_checkpoint WHERE seq >= ${REWRITTEN}`]);

  it('the database alone still verifies — which is why checkpoints must live elsewhere', async () => {
    await attack();
    const result = await verifyCli();
    expect(result.code, result.stdout).toBe(0);
  });

  it('liaison audit verify names the first bad entry against the published checkpoints, or the inspectorate\'s copies', async () => {
    await attack();
    const runs: [Record<string, string>, string[]][] = [[{ LIAISON_AUDIT_CHECKPOINT_DIR: published }, []], [{}, ['--checkpoints', inspectorate]]];
    for (const [env, args] of runs) {
      const result = await verifyCli(env, ...args);
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stdout).toMatch(/NOT intact: first bad entry 8: EDITED — entry 8 does not match the checkpoint signed .*: the chain was rewritten after entry 4/);
    }
  });

  it('the sealer never signs the forged head: it does not extend the last published checkpoint', async () => {
    await attack();
    await expect(gateway.disclosureLog.seal()).rejects.toThrow(/not sealed: .*published checkpoint 2 \(entry 8\)/);
    // More entries arrive; scheduled or on demand, still nothing is signed.
    await gateway.graphql('{ riskFlags { totalCount } }', { token: demoTokens.policeAnalyst() });
    await expect(gateway.disclosureLog.seal()).rejects.toThrow(/published checkpoint 2/);
    expect(await checkpointSeqs()).toEqual([4]);
    expect(readdirSync(published)).toEqual(['00000001.checkpoint', '00000002.checkpoint']);
  });

  it('without any copy at hand, the sealing schedule betrays it: entries unsealed far longer than the interval', async () => {
    await attack();
    const inAnHour = () => new Date(Date.now() + 3_600_000);
    const report = await verifyDisclosureLog(gateway.disclosureLog.pool, gateway.disclosureLog.keys.trusted, { intervalSeconds: 60, now: inAnHour });
    expect(report.problem).toMatchObject({ seq: 5, kind: 'CHECKPOINT_MISSING', detail: expect.stringMatching(/entries 5–12 are unsealed.*sealed every 60 s/) });
    // And a sealer on that schedule (without the published directory) refuses to sign the stretch.
    const sealer = new LogSealer(gateway.disclosureLog.pool, gateway.disclosureLog.keys.signer, { intervalSeconds: 60, everyEntries: 10_000 }, pino({ level: 'silent' }), inAnHour);
    await expect(sealer.seal({ force: true })).rejects.toThrow(/CHECKPOINT_MISSING|has waited .* for a checkpoint/);
    expect(await checkpointSeqs()).toEqual([4]);
  });

  it('a checkpoint deleted from the middle leaves a gap in the numbering', async () => {
    await gateway.disclosureLog.seal();
    expect(await checkpointSeqs()).toEqual([4, 8, 12]);
    await asSuperuser(db, ['DELETE FROM disclosure_log_checkpoint WHERE seq = 8']);
    const result = await verifyCli();
    expect(result.code, result.stdout).toBe(2);
    expect(result.stdout).toMatch(/first bad entry 5: CHECKPOINT_MISSING — checkpoint 2 \(between entries 4 and 12\) is missing/);
    rmSync(path.join(published, '00000003.checkpoint'));
  });
});

describe('the inspectorate pulls the checkpoints, witnesses them, and keeps receipts it can check offline', () => {
  let kept: string;
  let witnessKey: { privateKey: string; publicKey: string };

  beforeAll(() => {
    kept = mkdtempSync(path.join(tmpdir(), 'liaison-kept-'));
    const pair = generateKeyPairSync('ed25519');
    witnessKey = { privateKey: path.join(kept, '..', `${path.basename(kept)}-witness.pem`), publicKey: '' };
    writeFileSync(witnessKey.privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    witnessKey.publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  });

  afterAll(() => {
    rmSync(kept, { recursive: true, force: true });
    rmSync(witnessKey.privateKey, { force: true });
  });

  afterEach(async () => {
    await restoreLog(db, honest);
  });

  it('pulls each checkpoint over HTTP, proved to extend the one before, and cosigns them', async () => {
    const pull = await runLiaison(['audit', 'pull', '--url', gateway.url, '--dir', kept], {});
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    expect(pull.stdout).toBe(`pulled checkpoints 1–2 into ${kept}, each proved to extend the one before\n`);
    const witness = await runLiaison(['audit', 'witness', '--dir', kept, '--key', witnessKey.privateKey, '--name', 'inspectorate.example'], {});
    expect(witness.code, witness.stderr).toBe(0);
    expect(witness.stdout).toBe('cosigned checkpoints 1, 2 as inspectorate.example\n');
    const note = parseNote(readFileSync(path.join(kept, '00000002.checkpoint'), 'utf8'));
    expect(note.signatures.map((s) => s.name)).toEqual(['liaison-disclosure-log', 'inspectorate.example']);
    expect(hasValidSignature(note, 'inspectorate.example', createPublicKey(witnessKey.publicKey))).toBe(true);
    expect(note.text).toMatch(/^liaison-disclosure-log\n8\n[A-Za-z0-9+/]{43}=\nchain [0-9a-f]{64}\ncheckpoint 2\nsigned-at .*\nkey [0-9a-f]{16}\n$/);
    // The gateway's own verification accepts the cosigned copies.
    expect((await verifyCli({}, '--checkpoints', kept)).code).toBe(0);
  });

  it('a receipt proves one entry offline with only the public key; an altered entry does not', async () => {
    const file = path.join(kept, 'receipt-3.json');
    const prove = await runLiaison(['audit', 'prove', '--seq', '3', '--out', file], { DATABASE_URL: db.url });
    expect(prove.code, prove.stderr).toBe(0);
    const check = await runLiaison(['audit', 'verify-receipt', file, '--public-key', DEV_AUDIT_PUBLIC_KEY_FILE], {});
    expect(check.stdout).toBe('receipt valid: entry 3 is in the log as sealed by checkpoint 2\n');
    const receipt = JSON.parse(readFileSync(file, 'utf8'));
    const trusted = trustedKeys([loadPublicKey(DEV_AUDIT_PUBLIC_KEY_FILE)]);
    const altered = receipt.entry.text.replace('"userId":"so-1"', '"userId":"nobody"');
    expect(altered).not.toBe(receipt.entry.text);
    expect(verifyReceipt(receipt, trusted)).toMatchObject({ valid: true, seq: 3 });
    expect(verifyReceipt({ ...receipt, entry: { ...receipt.entry, text: altered } }, trusted))
      .toMatchObject({ valid: false, reason: 'entry 3, as given, is not in the log checkpoint 2 seals' });
    expect(verifyReceipt(receipt, trustedKeys([createPublicKey(witnessKey.publicKey)]))).toMatchObject({ valid: false });
  });

  it('after a rewrite, the gateway\'s new checkpoint under a kept number is refused as a fork', async () => {
    await asSuperuser(db, [...rewriteAndRehash(REWRITTEN), `DELETE FROM disclosure_log_checkpoint WHERE seq >= ${REWRITTEN}`]);
    // A sealer that does not read the published directory signs the forged head as checkpoint 2.
    const sealer = new LogSealer(gateway.disclosureLog.pool, gateway.disclosureLog.keys.signer, { intervalSeconds: 0, everyEntries: 10_000 }, pino({ level: 'silent' }));
    expect((await sealer.seal({ force: true }))!.checkpoint).toMatchObject({ number: 2, seq: ENTRIES });
    const pull = await runLiaison(['audit', 'pull', '--url', gateway.url, '--dir', kept], {});
    expect(pull.code).toBe(2);
    expect(pull.stdout).toBe('checkpoints NOT accepted: the gateway\'s checkpoint 2 differs from the one kept here: the log was rewritten (a fork)\n');
  });
});

