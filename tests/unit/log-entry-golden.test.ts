import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/core/canonical-json.js';
import { buildLogEntry, indexOf } from '../../src/audit/core/log-entry.js';
import { goldenCases } from '../support/log-entry-golden-cases.js';

const GOLDEN = new URL('../support/log-entry-golden.json', import.meta.url);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function written(): Record<string, { bytes: number; entry: string; index: string }> {
  return Object.fromEntries(goldenCases().map(([name, trace]) => {
    const entry = buildLogEntry(trace);
    const text = entry ? canonicalJson(entry) : '';
    return [name, { bytes: text.length, entry: sha256(text), index: sha256(entry ? JSON.stringify(indexOf(entry)) : '') }];
  }));
}

describe('disclosure-log entries, byte for byte', () => {
  it('writes the same canonical text and index columns as the entries captured before the writer was optimised', () => {
    expect(written()).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
