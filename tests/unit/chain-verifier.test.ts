import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, entryDigest, GENESIS_HASH } from '../../src/audit/core/chain-hash.js';
import { GENESIS, verifyChain, type ChainLink, type VerifyChainOptions } from '../../src/audit/core/chain-verifier.js';
import { keyIdOf, signCheckpoint, type AuditSigningKey, type Checkpoint } from '../../src/audit/core/checkpoint.js';

/** The verifier over in-memory chains: every kind of tampering is named at the right entry. */

function signingKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}
const KEY = signingKey();
const TRUSTED = new Map([[KEY.keyId, KEY.publicKey]]);
const AT = new Date('2026-03-15T10:30:00.000Z');

/** An honest chain of `n` entries, hashed as the database trigger does. */
function chain(n: number, from: { seq: number; hash: Buffer } = GENESIS, text = (i: number) => `{"entry":${i}}`): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = from.hash;
  for (let seq = from.seq + 1; seq <= from.seq + n; seq += 1) {
    const digest = entryDigest(text(seq));
    const recordedAtMs = AT.getTime() + seq * 1000;
    const hash = chainHash(prev, seq, recordedAtMs, digest);
    links.push({ seq, prevHash: prev, hash, recordedAtMs, entryDigest: digest });
    prev = hash;
  }
  return links;
}

const seal = (link: ChainLink, key = KEY): Checkpoint => signCheckpoint(key, link, AT);
const headOf = (links: ChainLink[]) => ({ seq: links.at(-1)!.seq, hash: links.at(-1)!.hash });

function verify(links: ChainLink[], options: Partial<VerifyChainOptions> = {}) {
  return verifyChain(links, {
    anchor: GENESIS,
    checkpoints: [],
    trustedKeys: TRUSTED,
    locate: async (hash) => links.find((l) => l.hash.equals(hash))?.seq ?? null,
    ...options,
  });
}

/** Re-hashes links[from…] in place, as someone able to rewrite the table would. */
function rehashFrom(links: ChainLink[], from: number): void {
  for (let i = from; i < links.length; i += 1) {
    const prevHash = i === 0 ? GENESIS_HASH : links[i - 1]!.hash;
    links[i] = { ...links[i]!, prevHash, hash: chainHash(prevHash, links[i]!.seq, links[i]!.recordedAtMs, links[i]!.entryDigest) };
  }
}

describe('the chain hash', () => {
  it('is SHA-256(prev ‖ int8 big-endian seq ‖ int8 big-endian time in ms ‖ SHA-256(entry)), from 32 zero bytes', () => {
    const digest = createHash('sha256').update('{"a":1}', 'utf8').digest();
    expect(entryDigest('{"a":1}')).toEqual(digest);
    const seq = Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]);
    const time = Buffer.from('0000019cf10bacbb', 'hex'); // 2026-03-15T10:30:00.123Z
    expect(Date.parse('2026-03-15T10:30:00.123Z')).toBe(0x19cf10bacbb);
    expect(chainHash(GENESIS_HASH, 258, 0x19cf10bacbb, digest))
      .toEqual(createHash('sha256').update(Buffer.concat([Buffer.alloc(32), seq, time, digest])).digest());
    expect(() => chainHash(GENESIS_HASH, 0, 0, digest)).toThrow(RangeError);
    expect(() => chainHash(GENESIS_HASH, 1, 0.5, digest)).toThrow(RangeError);
  });

  it('covers the time: an entry cannot be re-dated without breaking its hash', () => {
    const [link] = chain(1);
    expect(chainHash(link!.prevHash, 1, link!.recordedAtMs + 1, link!.entryDigest)).not.toEqual(link!.hash);
  });
});

describe('verifyChain', () => {
  it('finds an honest, sealed chain intact and counts what is not yet sealed', async () => {
    const links = chain(10);
    const report = await verify(links, { checkpoints: [seal(links[3]!), seal(links[7]!)], head: headOf(links) });
    expect(report).toMatchObject({ intact: true, entries: 10, firstSeq: 1, lastSeq: 10, checkpointsVerified: 2, unsealed: 2, problem: null });
    expect(report.lastCheckpoint?.seq).toBe(8);
  });

  it('an empty log is intact', async () => {
    expect(await verify([], { head: GENESIS })).toMatchObject({ intact: true, entries: 0, lastSeq: null });
  });

  it('names an edited entry', async () => {
    const links = chain(6);
    links[3] = { ...links[3]!, entryDigest: entryDigest('{"entry":"forged"}') };
    expect((await verify(links, { head: headOf(links) })).problem).toMatchObject({ seq: 4, kind: 'EDITED', detail: expect.stringContaining('no longer matches its hash') });
  });

  it('names an entry edited and re-hashed, through its successor', async () => {
    const links = chain(6);
    links[2] = { ...links[2]!, entryDigest: entryDigest('{"entry":"forged"}') };
    links[2] = { ...links[2]!, hash: chainHash(links[2]!.prevHash, 3, links[2]!.recordedAtMs, links[2]!.entryDigest) };
    expect((await verify(links)).problem).toMatchObject({ seq: 3, kind: 'EDITED', detail: expect.stringContaining('entry 4 records a different hash') });
  });

  it('names the first entry of a rewritten tail through the checkpoint that sealed it', async () => {
    const links = chain(8);
    const checkpoints = [seal(links[1]!), seal(links[5]!)];
    links[3] = { ...links[3]!, entryDigest: entryDigest('{"entry":"forged"}') };
    rehashFrom(links, 3);
    const problem = (await verify(links, { checkpoints, head: headOf(links) })).problem;
    expect(problem).toMatchObject({ seq: 6, kind: 'EDITED', detail: expect.stringContaining('rewritten after entry 2') });
  });

  it('names a removed entry, and entries removed from the end', async () => {
    const links = chain(6);
    const head = headOf(links);
    expect((await verify(links.filter((l) => l.seq !== 3), { head })).problem).toMatchObject({ seq: 3, kind: 'REMOVED' });
    expect((await verify(links.slice(0, 4), { head })).problem).toMatchObject({ seq: 5, kind: 'REMOVED', detail: expect.stringContaining('5–6') });
    // Without the head (an export), a checkpoint still vouches for the end.
    expect((await verify(links.slice(0, 4), { checkpoints: [seal(links[5]!)] })).problem).toMatchObject({ seq: 5, kind: 'REMOVED' });
  });

  it('names a removal hidden by renumbering the entries after it', async () => {
    const links = chain(6);
    const renumbered = [...links.slice(0, 2), ...links.slice(3).map((l) => ({ ...l, seq: l.seq - 1 }))];
    expect((await verify(renumbered)).problem).toMatchObject({ seq: 3, kind: 'REMOVED', detail: expect.stringContaining('entry 3 was written as entry 4') });
    const twoGone = [...links.slice(0, 1), ...links.slice(3).map((l) => ({ ...l, seq: l.seq - 2 }))];
    expect((await verify(twoGone)).problem).toMatchObject({ seq: 2, kind: 'REMOVED', detail: expect.stringContaining('2 entries before it were removed') });
  });

  it('names reordered entries', async () => {
    const links = chain(6);
    const swapped = [...links];
    swapped[2] = { ...links[3]!, seq: 3 };
    swapped[3] = { ...links[2]!, seq: 4 };
    expect((await verify(swapped)).problem).toMatchObject({ seq: 3, kind: 'REORDERED' });
  });

  it('names an inserted entry', async () => {
    const links = chain(6);
    const forged = chain(1, { seq: 2, hash: links[1]!.hash }, () => '{"entry":"forged"}')[0]!;
    const inserted = [...links.slice(0, 2), forged, ...links.slice(2).map((l) => ({ ...l, seq: l.seq + 1 }))];
    expect((await verify(inserted)).problem).toMatchObject({ seq: 3, kind: 'INSERTED' });
  });

  it('names entries appended behind the log\'s back, beyond the chain head', async () => {
    const links = chain(6);
    expect((await verify(links, { head: headOf(links.slice(0, 5)) })).problem).toMatchObject({ seq: 6, kind: 'INSERTED' });
  });

  it('names an entry whose content check failed (an index column edited)', async () => {
    const links = chain(4);
    links[1] = { ...links[1]!, contentProblem: 'column user_id no longer matches the hashed entry' };
    expect((await verify(links)).problem).toMatchObject({ seq: 2, kind: 'EDITED', detail: expect.stringContaining('user_id') });
  });

  it('names a forged or foreign checkpoint signature', async () => {
    const links = chain(6);
    const forged = { ...seal(links[3]!), signature: Buffer.alloc(64, 7) };
    expect((await verify(links, { checkpoints: [seal(links[1]!), forged] })).problem).toMatchObject({ seq: 4, kind: 'BAD_SIGNATURE', detail: expect.stringContaining('does not verify') });
    const moved = { ...seal(links[3]!), seq: 5 };
    expect((await verify(links, { checkpoints: [moved] })).problem).toMatchObject({ seq: 5, kind: 'BAD_SIGNATURE' });
    const foreign = seal(links[2]!, signingKey());
    expect((await verify(links, { checkpoints: [foreign] })).problem).toMatchObject({ seq: 3, kind: 'BAD_SIGNATURE', detail: expect.stringContaining('not a trusted audit key') });
  });

  it('reports the lowest problem when there are several', async () => {
    const links = chain(6);
    links[4] = { ...links[4]!, entryDigest: entryDigest('x') };
    const forged = { ...seal(links[1]!), signature: Buffer.alloc(64) };
    expect((await verify(links, { checkpoints: [forged] })).problem).toMatchObject({ seq: 2, kind: 'BAD_SIGNATURE' });
  });

  describe('when every entry must be sealed (exports)', () => {
    it('accepts a stretch from a checkpoint to a checkpoint', async () => {
      const links = chain(9);
      const checkpoints = [seal(links[2]!), seal(links[8]!)];
      const report = await verify(links.slice(3), { anchor: { seq: 3, hash: links[2]!.hash }, checkpoints, requireSealed: true });
      expect(report).toMatchObject({ intact: true, entries: 6, firstSeq: 4, checkpointsVerified: 2, unsealed: 0 });
    });

    it('names the bad signature, not the unsealed stretch it leaves', async () => {
      const links = chain(6);
      const report = await verify(links, { checkpoints: [seal(links[5]!, signingKey())], requireSealed: true });
      expect(report.problem).toMatchObject({ seq: 6, kind: 'BAD_SIGNATURE' });
    });

    it('refuses entries after the last checkpoint, and an anchor no checkpoint seals', async () => {
      const links = chain(9);
      expect((await verify(links, { checkpoints: [seal(links[5]!)], requireSealed: true })).problem).toMatchObject({ seq: 7, kind: 'UNSEALED' });
      expect((await verify(links.slice(3), { anchor: { seq: 3, hash: links[2]!.hash }, checkpoints: [seal(links[8]!)], requireSealed: true })).problem)
        .toMatchObject({ seq: 4, kind: 'UNSEALED' });
    });
  });
});
