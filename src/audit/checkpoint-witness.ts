import type { KeyObject } from 'node:crypto';
import { checkpointFromNote, type Checkpoint } from './core/checkpoint.js';
import { verifyConsistency } from './core/merkle-tree.js';
import { hasValidSignature, noteSignature, parseNote } from './core/signed-note.js';
import { publishNote, readCheckpointDirectory, rewriteWithSignatures } from './store/checkpoint-directory.js';

/**
 * The inspectorate's side of the checkpoints (C2SP tlog-witness in spirit): pull every new
 * checkpoint from a gateway into a directory it alone writes, accepting one only if it is
 * signed by a trusted audit key, numbered next, and proved (RFC 9162) to extend the last one
 * kept — then cosign what it holds with its own key. A gateway whose log was rewritten can no
 * longer produce such a proof, nor hand out a different checkpoint under a number kept.
 */

export class WitnessRefusal extends Error {}

export interface PullResult {
  pulled: number[];
  latest: number | null;
}

type Fetch = typeof fetch;

async function fetchText(fetcher: Fetch, url: string): Promise<string | null> {
  const res = await fetcher(url);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

export async function pullCheckpoints(
  options: { url: string; dir: string; trusted: ReadonlyMap<string, KeyObject> }, fetcher: Fetch = fetch,
): Promise<PullResult> {
  const base = options.url.replace(/\/+$/, '');
  const kept = await readCheckpointDirectory(options.dir, options.trusted);
  let previous: Checkpoint | null = kept.at(-1)?.checkpoint ?? null;
  if (previous) {
    // The gateway must still hand out, under that number, the very checkpoint kept.
    const again = await fetchText(fetcher, `${base}/audit/checkpoints/${previous.number}`);
    if (again === null) throw new WitnessRefusal(`the gateway no longer has checkpoint ${previous.number}, which is kept here: it was deleted`);
    if (parseNote(again).text !== kept.at(-1)!.note.text) {
      throw new WitnessRefusal(`the gateway's checkpoint ${previous.number} differs from the one kept here: the log was rewritten (a fork)`);
    }
  }
  const latestText = await fetchText(fetcher, `${base}/audit/checkpoints/latest`);
  if (latestText === null) return { pulled: [], latest: previous?.number ?? null };
  const latest = checkpointFromNote(parseNote(latestText), options.trusted);
  const pulled: number[] = [];
  for (let number = (previous?.number ?? 0) + 1; number <= latest.number!; number += 1) {
    const text = await fetchText(fetcher, `${base}/audit/checkpoints/${number}`);
    if (text === null) throw new WitnessRefusal(`the gateway has checkpoint ${latest.number} but not checkpoint ${number}: it was deleted`);
    const note = parseNote(text);
    const checkpoint = checkpointFromNote(note, options.trusted);
    if (checkpoint.number !== number) throw new WitnessRefusal(`asked for checkpoint ${number}, got ${checkpoint.number}`);
    if (previous) {
      const res = await fetcher(`${base}/audit/checkpoints/${number}/consistency/${previous.number}`);
      if (!res.ok) throw new WitnessRefusal(`no consistency proof from checkpoint ${previous.number} to ${number} (HTTP ${res.status}): the log may have been rewritten`);
      const body = (await res.json()) as { proof?: unknown };
      const proof = Array.isArray(body.proof) ? body.proof.map((h) => Buffer.from(String(h), 'base64')) : [];
      if (!verifyConsistency(previous.seq, checkpoint.seq, proof, previous.root!, checkpoint.root!)) {
        throw new WitnessRefusal(`checkpoint ${number} (entry ${checkpoint.seq}) does not extend checkpoint ${previous.number} (entry ${previous.seq}): the log was rewritten`);
      }
    }
    await publishNote(options.dir, number, note);
    pulled.push(number);
    previous = checkpoint;
  }
  return { pulled, latest: latest.number };
}

/** Cosigns, as `name`, every kept checkpoint not yet cosigned (each was checked to extend the one before when pulled). */
export async function cosignCheckpoints(
  options: { dir: string; trusted: ReadonlyMap<string, KeyObject>; name: string; privateKey: KeyObject; publicKey: KeyObject },
): Promise<number[]> {
  const cosigned: number[] = [];
  let expected: number | null = null;
  for (const kept of await readCheckpointDirectory(options.dir, options.trusted)) {
    if (expected !== null && kept.number !== expected) throw new WitnessRefusal(`checkpoint ${expected} is missing from ${options.dir}: pull again`);
    expected = kept.number + 1;
    if (hasValidSignature(kept.note, options.name, options.publicKey)) continue;
    const signature = noteSignature(kept.note.text, options.name, options.privateKey, options.publicKey);
    await rewriteWithSignatures(options.dir, kept.number, { ...kept.note, signatures: [...kept.note.signatures, signature] });
    cosigned.push(kept.number);
  }
  return cosigned;
}
