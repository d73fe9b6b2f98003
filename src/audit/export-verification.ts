import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { entryDigest, hashFromHex } from './core/chain-hash.js';
import { verifyChain, type ChainLink, type ChainProblem, type ChainReport } from './core/chain-verifier.js';
import type { Checkpoint } from './core/checkpoint.js';
import { parseLogEntry } from './core/log-entry.js';
import { EXPORT_TYPE, EXPORT_VERSION, type ExportHeader } from './store/log-export.js';

/**
 * Offline verification of an export file (see log-export.ts): needs the file and the
 * gateway's public key(s), nothing else — no database, no network. Every entry in the file
 * must chain from the header's anchor (the genesis or a signed checkpoint in the file) to a
 * signed checkpoint in the file, and every stub must have been recorded outside the header's
 * period. (Whether that period is the one asked for is for the reader to compare.)
 */

export class ExportFormatError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export interface ExportReport extends ChainReport {
  header: ExportHeader;
  /** Entries present in full. */
  fullEntries: number;
  /** Entries present as stubs (outside the period). */
  stubs: number;
}

async function* linesOf(file: string): AsyncGenerator<{ number: number; value: Record<string, unknown> }> {
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ExportFormatError(number, 'not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExportFormatError(number, 'not a JSON object');
    yield { number, value: value as Record<string, unknown> };
  }
}

const positive = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function hashField(line: number, value: Record<string, unknown>, key: string): Buffer {
  const hash = hashFromHex(value[key]);
  if (!hash) throw new ExportFormatError(line, `"${key}" must be a SHA-256 in hex`);
  return hash;
}

function seqField(line: number, value: Record<string, unknown>): number {
  if (!positive(value.seq)) throw new ExportFormatError(line, '"seq" must be a non-negative integer');
  return value.seq;
}

function toHeader(line: number, value: Record<string, unknown>): ExportHeader {
  const anchor = value.anchor as Record<string, unknown> | undefined;
  if (value.type !== EXPORT_TYPE || value.version !== EXPORT_VERSION || typeof anchor !== 'object' || anchor === null
    || !positive(anchor.seq) || !hashFromHex(anchor.hash) || !positive(value.sealedThrough)) {
    throw new ExportFormatError(line, `not a ${EXPORT_TYPE} version ${EXPORT_VERSION} header`);
  }
  return value as unknown as ExportHeader;
}

function toCheckpoint(line: number, value: Record<string, unknown>): Checkpoint {
  const signedAt = typeof value.signedAt === 'string' ? new Date(value.signedAt) : null;
  if (!signedAt || Number.isNaN(signedAt.getTime())) throw new ExportFormatError(line, '"signedAt" must be an ISO 8601 time');
  if (typeof value.keyId !== 'string' || typeof value.signature !== 'string') throw new ExportFormatError(line, 'a checkpoint needs "keyId" and "signature"');
  const numbered = value.number !== undefined || value.root !== undefined;
  if (numbered && (!positive(value.number) || !hashFromHex(value.root))) throw new ExportFormatError(line, 'a numbered checkpoint needs "number" and "root" (64 hex)');
  return {
    seq: seqField(line, value), hash: hashField(line, value, 'hash'), signedAt, keyId: value.keyId, signature: Buffer.from(value.signature, 'base64'),
    number: numbered ? value.number as number : null, root: numbered ? hashField(line, value, 'root') : null,
  };
}

function timeField(line: number, value: Record<string, unknown>): number {
  const time = typeof value.recordedAt === 'string' ? Date.parse(value.recordedAt) : Number.NaN;
  if (Number.isNaN(time)) throw new ExportFormatError(line, '"recordedAt" must be an ISO 8601 time');
  return time;
}

function toLink(line: number, value: Record<string, unknown>): ChainLink {
  const base = { seq: seqField(line, value), prevHash: hashField(line, value, 'prevHash'), hash: hashField(line, value, 'hash') };
  if (value.type === 'stub') return { ...base, recordedAtMs: timeField(line, value), entryDigest: hashField(line, value, 'entryDigest') };
  if (typeof value.entry !== 'string') throw new ExportFormatError(line, 'an entry line needs "entry" (the canonical text)');
  let contentProblem: string | null = null;
  let recordedAtMs = Number.NaN;
  try {
    recordedAtMs = Date.parse(parseLogEntry(value.entry).recordedAt);
  } catch (error) {
    contentProblem = `its text is not a valid entry (${(error as Error).message})`;
  }
  return { ...base, recordedAtMs, entryDigest: entryDigest(value.entry), contentProblem };
}

/** Whether `time` lies in the header's period [from, to). */
function withinPeriod(header: ExportHeader, time: number): boolean {
  return (header.from === null || time >= Date.parse(header.from)) && (header.to === null || time < Date.parse(header.to));
}

export async function verifyExportFile(file: string, trustedKeys: ReadonlyMap<string, KeyObject>): Promise<ExportReport> {
  let header: ExportHeader | null = null;
  const checkpoints: Checkpoint[] = [];
  let fullEntries = 0;
  let stubs = 0;
  for await (const { number, value } of linesOf(file)) {
    if (!header) {
      header = toHeader(number, value);
      continue;
    }
    switch (value.type) {
      case 'checkpoint':
        checkpoints.push(toCheckpoint(number, value));
        break;
      case 'entry':
        fullEntries += 1;
        break;
      case 'stub':
        stubs += 1;
        break;
      default:
        throw new ExportFormatError(number, `unknown line type ${JSON.stringify(value.type)}`);
    }
  }
  if (!header) throw new ExportFormatError(1, 'empty file: no header');

  // A stub stands for an entry recorded outside the period; its time is hashed, so a stub
  // recorded within it is an entry of the period withheld from the file.
  let withheld: ChainProblem | null = null;
  async function* links(): AsyncGenerator<ChainLink> {
    for await (const { number, value } of linesOf(file)) {
      if (value.type !== 'entry' && value.type !== 'stub') continue;
      const link = toLink(number, value);
      if (value.type === 'stub' && !withheld && withinPeriod(header!, link.recordedAtMs)) {
        withheld = { seq: link.seq, kind: 'REMOVED', detail: `entry ${link.seq} was recorded within the period but the file holds only its digest` };
      }
      yield link;
    }
  }
  const locate = async (hash: Buffer): Promise<number | null> => {
    for await (const { value } of linesOf(file)) {
      if ((value.type === 'entry' || value.type === 'stub') && hashFromHex(value.hash)?.equals(hash)) return value.seq as number;
    }
    return null;
  };
  const anchor = { seq: header.anchor.seq, hash: hashFromHex(header.anchor.hash)! };
  const report = await verifyChain(links(), { anchor, checkpoints, trustedKeys, requireSealed: true, locate });
  const found = withheld as ChainProblem | null;
  // Only a stub the chain vouches for (at or before the first chain problem) counts.
  if (found && (!report.problem || found.seq < report.problem.seq)) {
    return { ...report, intact: false, problem: found, header, fullEntries, stubs };
  }
  return { ...report, header, fullEntries, stubs };
}
