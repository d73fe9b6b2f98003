import type { KeyObject } from 'node:crypto';
import { chainHash, GENESIS_HASH } from './chain-hash.js';
import { checkSignature, type Checkpoint } from './checkpoint.js';

/**
 * Verifies a stretch of the disclosure-log chain and the checkpoints that seal it, and names
 * the first entry that is wrong and why. Pure: the entries come from any source (the
 * database, an export file) as an (async) iterable in sequence order; the only outside
 * question it asks is where an entry with a given hash sits, to tell a reordering from an
 * insertion or an edit.
 *
 * What each finding means:
 * - EDITED: the entry's text (or a column indexed from it) no longer matches its hash; or it
 *   was rewritten and re-hashed, which its successor or a signed checkpoint betrays.
 * - REMOVED: a sequence number is missing, or entries the chain head / a checkpoint vouch
 *   for are gone from the end.
 * - REORDERED: the entry's predecessor sits later in the log.
 * - INSERTED: the entry is not part of the chain (its successor links past it), or it lies
 *   beyond the chain head.
 * - BAD_SIGNATURE: a checkpoint's signature does not verify with a trusted key.
 * - UNSEALED: (exports) an entry, or the export's starting point, is not covered by a valid
 *   signed checkpoint, so the file alone cannot prove it.
 * - CHECKPOINT_MISSING: (log-verification.ts) a gap in the checkpoint numbering, or entries
 *   left unsealed far longer than the sealing schedule allows: evidence that checkpoints were
 *   deleted (to hide a rewrite of what they sealed).
 */

export const PROBLEM_KINDS = ['EDITED', 'REMOVED', 'REORDERED', 'INSERTED', 'BAD_SIGNATURE', 'UNSEALED', 'CHECKPOINT_MISSING'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface ChainProblem {
  /** The first bad entry (for BAD_SIGNATURE: the entry the checkpoint claims to seal). */
  seq: number;
  kind: ProblemKind;
  detail: string;
}

export interface ChainLink {
  seq: number;
  prevHash: Buffer;
  hash: Buffer;
  /** When the entry was recorded (ms since 1970), as hashed. */
  recordedAtMs: number;
  /** SHA-256 of the entry's canonical text (the caller computes it from the text it holds). */
  entryDigest: Buffer;
  /** A problem found in the entry itself by the caller (e.g. an index column that disagrees with the text). */
  contentProblem?: string | null;
}

/** The point the stretch hangs from: the genesis (seq 0) or a signed checkpoint. */
export interface ChainAnchor {
  seq: number;
  hash: Buffer;
}

export const GENESIS: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

export interface VerifyChainOptions {
  anchor: ChainAnchor;
  checkpoints: readonly Checkpoint[];
  trustedKeys: ReadonlyMap<string, KeyObject>;
  /** The database's chain head, when verifying the database. */
  head?: ChainAnchor | null;
  /**
   * Every entry must be sealed by a valid checkpoint at or after it, and a non-genesis anchor
   * must be one (exports). Otherwise the anchor is taken as given (sealing a new stretch).
   */
  requireSealed?: boolean;
  /**
   * The sequence number of the entry whose stored hash is `hash`, if any; asked once, at the
   * first broken link (`near` it: a source may search only a window around that entry).
   */
  locate(hash: Buffer, near: number): Promise<number | null>;
}

export interface ChainReport {
  intact: boolean;
  /** Entries checked (up to the first problem). */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastHash: Buffer | null;
  /** Checkpoints whose signature verified and whose hash matched the entry they seal. */
  checkpointsVerified: number;
  lastCheckpoint: Checkpoint | null;
  /** Entries after the last verified checkpoint: chained, but not yet sealed by a signature. */
  unsealed: number;
  problem: ChainProblem | null;
}

/** How far a renumbered entry is searched for (only once, at the first broken link). */
const RENUMBER_WINDOW = 10_000;

const hex = (b: Buffer): string => b.toString('hex');
const short = (b: Buffer): string => `${hex(b).slice(0, 12)}…`;

export async function verifyChain(links: AsyncIterable<ChainLink> | Iterable<ChainLink>, options: VerifyChainOptions): Promise<ChainReport> {
  const { anchor } = options;
  let signatureProblem: ChainProblem | null = null;
  const sealed = new Map<number, Checkpoint>();
  for (const checkpoint of [...options.checkpoints].sort((a, b) => a.seq - b.seq)) {
    const check = checkSignature(checkpoint, options.trustedKeys);
    if (check.valid) sealed.set(checkpoint.seq, checkpoint);
    else signatureProblem ??= { seq: checkpoint.seq, kind: 'BAD_SIGNATURE', detail: `checkpoint at entry ${checkpoint.seq} (signed ${checkpoint.signedAt.toISOString()}): ${check.reason}` };
  }

  let problem: ChainProblem | null = null;
  let entries = 0;
  let firstSeq: number | null = null;
  let prevSeq = anchor.seq;
  let prevHash = anchor.hash;
  let lastCheckpoint: Checkpoint | null = null;
  let checkpointsVerified = 0;

  if (anchor.seq > 0 && options.requireSealed) {
    const seal = sealed.get(anchor.seq);
    if (!seal || !seal.hash.equals(anchor.hash)) {
      problem = { seq: anchor.seq + 1, kind: 'UNSEALED', detail: `the stretch starts after entry ${anchor.seq}, which no valid signed checkpoint seals with hash ${short(anchor.hash)}` };
    } else {
      lastCheckpoint = seal;
      checkpointsVerified += 1;
    }
  }

  /** The position an entry was hashed at, if it was moved (renumbered) by up to RENUMBER_WINDOW places. */
  const hashedPosition = (link: ChainLink): number | null => {
    if (!Number.isSafeInteger(link.recordedAtMs)) return null;
    for (let shift = 1; shift <= RENUMBER_WINDOW; shift += 1) {
      for (const seq of [link.seq + shift, link.seq - shift]) {
        if (seq >= 1 && chainHash(link.prevHash, seq, link.recordedAtMs, link.entryDigest).equals(link.hash)) return seq;
      }
    }
    return null;
  };

  const diagnoseBrokenLink = async (link: ChainLink, selfConsistent: boolean): Promise<ChainProblem> => {
    const predecessor = await options.locate(link.prevHash, link.seq);
    if (predecessor !== null && predecessor > link.seq) {
      return { seq: link.seq, kind: 'REORDERED', detail: `entry ${link.seq} follows entry ${predecessor} in the chain, which now sits after it: entries were reordered` };
    }
    if (predecessor !== null && predecessor < prevSeq) {
      return { seq: predecessor + 1, kind: 'INSERTED', detail: `entry ${link.seq} links to entry ${predecessor}: entr${prevSeq - predecessor > 1 ? `ies ${predecessor + 1}–${prevSeq} are` : `y ${prevSeq} is`} not part of the chain` };
    }
    const hashedAt = selfConsistent ? null : hashedPosition(link);
    if (hashedAt !== null && hashedAt > link.seq) {
      const n = hashedAt - link.seq;
      return { seq: prevSeq + 1, kind: 'REMOVED', detail: `entry ${link.seq} was written as entry ${hashedAt}: ${n} entr${n > 1 ? 'ies' : 'y'} before it ${n > 1 ? 'were' : 'was'} removed and the later ones renumbered` };
    }
    if (hashedAt !== null && hashedAt < link.seq) {
      const n = link.seq - hashedAt;
      return { seq: hashedAt, kind: 'INSERTED', detail: `entry ${link.seq} was written as entry ${hashedAt}: ${n} entr${n > 1 ? 'ies were' : 'y was'} inserted before it` };
    }
    if (selfConsistent && prevSeq > anchor.seq) {
      return { seq: prevSeq, kind: 'EDITED', detail: `entry ${prevSeq} was rewritten: entry ${link.seq} records a different hash for it (${short(link.prevHash)} ≠ ${short(prevHash)})` };
    }
    return { seq: link.seq, kind: 'EDITED', detail: `entry ${link.seq} was edited: it neither matches its hash nor links to entry ${prevSeq}` };
  };

  if (!problem) {
    for await (const link of links) {
      const expected = prevSeq + 1;
      if (link.seq > expected) {
        problem = { seq: expected, kind: 'REMOVED', detail: link.seq - expected > 1 ? `entries ${expected}–${link.seq - 1} are missing` : `entry ${expected} is missing` };
        break;
      }
      if (link.seq <= anchor.seq) {
        problem = { seq: link.seq, kind: 'INSERTED', detail: `entry ${link.seq} lies before the start of the chain (entry ${anchor.seq + 1})` };
        break;
      }
      if (link.seq < expected) {
        problem = { seq: link.seq, kind: 'REORDERED', detail: `entry ${link.seq} appears after entry ${prevSeq}` };
        break;
      }
      const selfConsistent = Number.isSafeInteger(link.recordedAtMs)
        && chainHash(link.prevHash, link.seq, link.recordedAtMs, link.entryDigest).equals(link.hash);
      if (!link.prevHash.equals(prevHash)) {
        problem = await diagnoseBrokenLink(link, selfConsistent);
        break;
      }
      if (!selfConsistent) {
        problem = { seq: link.seq, kind: 'EDITED', detail: `entry ${link.seq} was edited: its content no longer matches its hash` };
        break;
      }
      if (link.contentProblem) {
        problem = { seq: link.seq, kind: 'EDITED', detail: `entry ${link.seq} was edited: ${link.contentProblem}` };
        break;
      }
      const seal = sealed.get(link.seq);
      if (seal) {
        if (!seal.hash.equals(link.hash)) {
          problem = {
            seq: link.seq,
            kind: 'EDITED',
            detail: `entry ${link.seq} does not match the checkpoint signed ${seal.signedAt.toISOString()}: the chain was rewritten after ${lastCheckpoint ? `entry ${lastCheckpoint.seq} (the previous checkpoint)` : 'its start'}`,
          };
          break;
        }
        lastCheckpoint = seal;
        checkpointsVerified += 1;
      }
      firstSeq ??= link.seq;
      entries += 1;
      prevSeq = link.seq;
      prevHash = link.hash;
    }
  }

  if (!problem) {
    const head = options.head;
    if (head && head.seq > prevSeq) {
      problem = { seq: prevSeq + 1, kind: 'REMOVED', detail: `the chain head is at entry ${head.seq}: entr${head.seq - prevSeq > 1 ? `ies ${prevSeq + 1}–${head.seq} are` : `y ${head.seq} is`} missing from the end` };
    } else if (head && head.seq < prevSeq) {
      problem = { seq: head.seq + 1, kind: 'INSERTED', detail: `entries ${head.seq + 1}–${prevSeq} lie beyond the chain head (entry ${head.seq}): they were not appended through the log` };
    } else if (head && !head.hash.equals(prevHash)) {
      problem = { seq: prevSeq, kind: 'EDITED', detail: `entry ${prevSeq} does not match the chain head's hash: it was rewritten` };
    }
  }
  if (!problem) {
    const beyond = [...sealed.keys()].filter((seq) => seq > prevSeq).sort((a, b) => a - b)[0];
    if (beyond !== undefined) {
      problem = { seq: prevSeq + 1, kind: 'REMOVED', detail: `a checkpoint seals entry ${beyond}, but the log ends at entry ${prevSeq}: entries were removed from the end` };
    }
  }
  if (!problem && options.requireSealed && prevSeq > (lastCheckpoint?.seq ?? anchor.seq)) {
    const from = (lastCheckpoint?.seq ?? anchor.seq) + 1;
    problem = { seq: from, kind: 'UNSEALED', detail: `entries ${from}–${prevSeq} are not sealed by a signed checkpoint` };
  }

  // The lowest problem wins; a stretch left unsealed because its checkpoint's signature failed is that failure.
  if (signatureProblem && (!problem || signatureProblem.seq < problem.seq || problem.kind === 'UNSEALED')) problem = signatureProblem;
  return {
    intact: problem === null,
    entries,
    firstSeq,
    lastSeq: firstSeq === null ? null : prevSeq,
    lastHash: firstSeq === null ? null : prevHash,
    checkpointsVerified,
    lastCheckpoint,
    unsealed: prevSeq - (lastCheckpoint?.seq ?? anchor.seq),
    problem,
  };
}
