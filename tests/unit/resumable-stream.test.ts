import { describe, expect, it } from 'vitest';
import { ResumableStream, type Backlog } from '../../src/streams/resumable-stream.js';

/**
 * The resumable iterator under `recordChanges` and `noticeIssued` subscriptions, pure: the
 * backlog comes before the live items pushed while it was read, nothing goes out twice, a
 * consumer too far behind is cut off, and `return()` ends a waiting consumer at once.
 */

class TooSlow extends Error {}

/** A live source the test pushes into by hand, with an optional backlog it releases when it likes. */
function source(options: { backlog?: Backlog<number>; maxQueued?: number; ordered?: boolean } = {}) {
  let push: ((items: readonly number[]) => void) | undefined;
  let release: (() => void) | undefined;
  let listening = false;
  const delivered = new Set<number>();
  const stream = new ResumableStream<number>({
    listen: (pushInto) => {
      push = pushInto;
      listening = true;
      return () => { listening = false; };
    },
    readBacklog: options.backlog ? () => new Promise((resolve) => { release = () => resolve(options.backlog!); }) : null,
    deliverable: (item) => !delivered.has(item) && Boolean(delivered.add(item)),
    order: options.ordered ? (a, b) => a - b : undefined,
    maxQueued: options.maxQueued ?? 100,
    tooSlow: () => new TooSlow('too slow'),
  });
  return { stream, push: (...items: number[]) => push!(items), release: () => release!(), listening: () => listening };
}

const take = async (stream: AsyncIterator<number>, n: number): Promise<number[]> => {
  const got: number[] = [];
  for (let i = 0; i < n; i++) got.push((await stream.next()).value as number);
  return got;
};

describe('ResumableStream', () => {
  it('listens before the backlog is read and delivers the backlog first, then what was pushed meanwhile, each once', async () => {
    const s = source({ backlog: { missed: [1, 2, 3] } });
    expect(s.listening()).toBe(true);
    s.push(3, 4);
    const first = s.stream.next();
    s.release();
    expect((await first).value).toBe(1);
    expect(await take(s.stream, 3)).toEqual([2, 3, 4]);
    const waiting = s.stream.next();
    s.push(4, 5);
    expect((await waiting).value).toBe(5);
  });

  it('merges the backlog with the queued live items in the source\'s order', async () => {
    const s = source({ backlog: { missed: [2, 4] }, ordered: true });
    s.push(3, 5);
    s.release();
    expect(await take(s.stream, 4)).toEqual([2, 3, 4, 5]);
  });

  it('raises the refusal of a resumption that reaches too far back and removes the listener', async () => {
    const s = source({ backlog: { refused: new TooSlow('too far back') } });
    s.release();
    await expect(s.stream.next()).rejects.toThrow('too far back');
    expect(s.listening()).toBe(false);
  });

  it('cuts off a consumer with more than maxQueued items waiting', async () => {
    const s = source({ maxQueued: 2 });
    s.push(1, 2, 3);
    expect(s.listening()).toBe(false);
    await expect(s.stream.next()).rejects.toBeInstanceOf(TooSlow);
  });

  it('return() ends a waiting consumer at once and removes the listener', async () => {
    const s = source();
    const waiting = s.stream.next();
    await s.stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(s.listening()).toBe(false);
    s.push(1);
    expect(await s.stream.next()).toEqual({ value: undefined, done: true });
  });
});
