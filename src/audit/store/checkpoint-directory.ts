import type { KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkpointFromNote, type Checkpoint } from '../core/checkpoint.js';
import { formatNote, parseNote, type SignedNote } from '../core/signed-note.js';

/**
 * A directory of signed checkpoint notes, one file per checkpoint (`<number>.checkpoint`),
 * outside the database: where the sealer publishes each checkpoint as it signs it (a volume
 * the database's administrators cannot write), and where an inspectorate keeps the ones it
 * pulled and witnessed. A file once written is never replaced by a different one.
 */

const FILE = /^(\d{1,15})\.checkpoint$/;

export const checkpointFileName = (number: number): string => `${String(number).padStart(8, '0')}.checkpoint`;

export class CheckpointDirectoryError extends Error {}

/** Writes checkpoint `number`'s note; the same note again is a no-op, a different one an error. */
export async function publishNote(dir: string, number: number, note: SignedNote): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, checkpointFileName(number));
  const text = formatNote(note);
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = parseNote(await readFile(file, 'utf8'));
    if (existing.text !== note.text) throw new CheckpointDirectoryError(`${file} already holds another checkpoint ${number}: refusing to replace it`);
  }
}

/** Replaces a note by the same text with more signatures (a witness's cosignature). */
export async function rewriteWithSignatures(dir: string, number: number, note: SignedNote): Promise<void> {
  const file = path.join(dir, checkpointFileName(number));
  const existing = parseNote(await readFile(file, 'utf8'));
  if (existing.text !== note.text) throw new CheckpointDirectoryError(`${file}: a cosignature must not change the checkpoint`);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, formatNote(note), { flag: 'wx' });
  await rename(temporary, file);
}

export interface KeptCheckpoint {
  number: number;
  file: string;
  note: SignedNote;
  checkpoint: Checkpoint;
}

async function checkpointFiles(dir: string): Promise<{ name: string; number: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.flatMap((name) => {
    const match = FILE.exec(name);
    return match ? [{ name, number: Number(match[1]) }] : [];
  }).sort((a, b) => a.number - b.number);
}

/** Every checkpoint note in `dir`, in number order, each with its gateway signature checked. A missing directory holds none. */
export async function readCheckpointDirectory(dir: string, trusted: ReadonlyMap<string, KeyObject>, options: { latestOnly?: boolean } = {}): Promise<KeptCheckpoint[]> {
  const files = await checkpointFiles(dir);
  const kept: KeptCheckpoint[] = [];
  for (const { name, number } of options.latestOnly ? files.slice(-1) : files) {
    const file = path.join(dir, name);
    try {
      const note = parseNote(await readFile(file, 'utf8'));
      const checkpoint = checkpointFromNote(note, trusted);
      if (checkpoint.number !== number) throw new Error(`it holds checkpoint ${checkpoint.number}`);
      kept.push({ number: checkpoint.number, file, note, checkpoint });
    } catch (error) {
      throw new CheckpointDirectoryError(`${file}: ${(error as Error).message}`);
    }
  }
  return kept;
}
