import type { FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { responseText, stringifyResult, writeAhead } from '../../src/http/response-text.js';

/**
 * The response's text written while its log entry commits (src/http/response-text.ts): handed to
 * Apollo only for the very result it was written from; anything else is serialised afresh.
 */

const result = (): FormattedExecutionResult => ({
  data: { riskFlags: { totalCount: 2 } },
  extensions: { liaison: { decisionId: 'd-1', purpose: 'COUNTER_TERRORISM', redactions: [] } },
});

describe('the response text', () => {
  it('is Apollo\'s form: errors, data, extensions in that order, then a newline', () => {
    const text = responseText({ extensions: { a: 1 }, data: { b: 2 }, errors: [{ message: 'm' }] });
    expect(text).toBe('{"errors":[{"message":"m"}],"data":{"b":2},"extensions":{"a":1}}\n');
    expect(responseText({ data: null })).toBe('{"data":null}\n');
  });

  it('written ahead, is the text Apollo is handed for that same result, which no longer holds its data', () => {
    const written = result();
    const data = written.data;
    writeAhead(written);
    // The request waits for its log entry holding the text, not the response's objects.
    expect(written.data).not.toBe(data);
    expect(JSON.stringify(written.extensions)).toBe(JSON.stringify(result().extensions));
    expect(stringifyResult(written)).toBe(responseText(result()));
  });

  it('is written afresh for a result whose data or errors were replaced since (the log write failed)', () => {
    for (const replace of [
      (r: FormattedExecutionResult) => ({ ...r, data: null, errors: [{ message: 'Service unavailable' }] }),
      (_r: FormattedExecutionResult) => ({ errors: [{ message: 'Service unavailable' }] }),
      (r: FormattedExecutionResult) => ({ ...r, data: { riskFlags: { totalCount: 3 } } }),
    ]) {
      const written = result();
      writeAhead(written);
      const replaced = replace(written);
      expect(stringifyResult(replaced)).toBe(responseText(replaced));
    }
  });

  it('fails rather than answer without its data when only its errors or extensions were replaced after it was written', () => {
    for (const replace of [
      (r: FormattedExecutionResult) => ({ ...r, errors: [{ message: 'late' }] }),
      (r: FormattedExecutionResult) => ({ ...r, extensions: { ...r.extensions } }),
    ]) {
      const written = result();
      writeAhead(written);
      expect(() => stringifyResult(replace(written))).toThrow(/released/);
    }
  });

  it('keeps a result without data as it is (an error response)', () => {
    const refused: FormattedExecutionResult = { data: null, errors: [{ message: 'Forbidden' }], extensions: { liaison: {} } };
    writeAhead(refused);
    expect(refused.data).toBeNull();
    expect(stringifyResult({ ...refused, errors: [{ message: 'Other' }] })).toBe('{"errors":[{"message":"Other"}],"data":null,"extensions":{"liaison":{}}}\n');
  });

  it('is written as Apollo writes it when nothing was written ahead', () => {
    const plain: FormattedExecutionResult = { errors: [{ message: 'Bad request', extensions: { code: 'BAD_USER_INPUT' } }] };
    expect(stringifyResult(plain)).toBe(`${JSON.stringify(plain)}\n`);
    writeAhead(plain); // no extensions: nothing to key the text by, nothing kept
    expect(stringifyResult(plain)).toBe(`${JSON.stringify(plain)}\n`);
  });

  it('is not written ahead for a result that cannot be serialised, and does not throw there', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const broken: FormattedExecutionResult = { data: cyclic, extensions: { liaison: {} } };
    expect(() => writeAhead(broken)).not.toThrow();
    expect(() => stringifyResult(broken)).toThrow(TypeError);
  });
});
