import { createHash } from 'node:crypto';

/**
 * The hash chain of the disclosure log, computed exactly as the database trigger
 * `disclosure_log_link` computes it (migration DisclosureLog1732000200000):
 *
 *   hash(n) = SHA-256( hash(n-1) ‖ int8 big-endian(n) ‖ int8 big-endian(recordedAt(n), ms since 1970)
 *                      ‖ SHA-256(UTF-8(entry(n))) )
 *   hash(0) = 32 zero bytes
 *
 * The entry enters through its own digest, and its time beside it, so a stretch of the chain
 * can be proven intact from digests alone: an export carries, for entries outside the
 * requested period, only (seq, time, digest, hash) — nothing personal — and still links its
 * entries to signed checkpoints, while anyone can check that each of those entries was indeed
 * recorded outside the period (an entry of the period cannot be passed off as a digest). The
 * sequence number is hashed too, so an entry cannot be moved to another position.
 */

export const HASH_BYTES = 32;

/** The hash "before" entry 1. */
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** SHA-256 of the entry's canonical text, as UTF-8. */
export const entryDigest = (entry: string): Buffer => sha256(Buffer.from(entry, 'utf8'));

/** The hash of entry `seq`, recorded at `recordedAtMs`, whose predecessor's hash is `prevHash`. */
export function chainHash(prevHash: Buffer, seq: number, recordedAtMs: number, digest: Buffer): Buffer {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`chain position must be a positive integer (got ${seq})`);
  if (!Number.isSafeInteger(recordedAtMs)) throw new RangeError(`time must be whole milliseconds (got ${recordedAtMs})`);
  if (prevHash.length !== HASH_BYTES || digest.length !== HASH_BYTES) throw new RangeError('hashes are 32 bytes');
  const position = Buffer.alloc(16);
  position.writeBigInt64BE(BigInt(seq), 0);
  position.writeBigInt64BE(BigInt(recordedAtMs), 8);
  return sha256(prevHash, position, digest);
}

/** Parses a lowercase or uppercase hex SHA-256; null when it is not one. */
export function hashFromHex(hex: unknown): Buffer | null {
  return typeof hex === 'string' && /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}
