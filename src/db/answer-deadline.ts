import pg from 'pg';

/** Time a database that answers slowly gets beyond its own statement timeout, before the client gives up. */
export const ANSWER_GRACE_MS = 500;

/** The error a query gets when the database did not answer in time (a code `isDatabaseUnavailable` knows). */
export class DatabaseNotAnswering extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(deadlineMs: number) {
    super(`the database did not answer within ${deadlineMs} ms`);
  }
}

type Callback = (error: Error | null, result?: unknown) => void;
interface Submittable { submit: unknown; once?: (event: string, listener: () => void) => unknown }

/**
 * A pg client whose every query ends within `deadlineMs`, whatever the server does. The
 * server's `statement_timeout` cannot help when the server itself stops answering (its
 * processes frozen, a network partition without a reset): the socket stays open and silent,
 * and a query would wait for as long as that lasts. When the deadline passes, the connection
 * is destroyed — not merely the query abandoned, which would leave the connection waiting
 * for the late answer and every later query on it queued behind — so the query fails with
 * `DatabaseNotAnswering` and the pool opens a fresh connection for the next one.
 */
export function clientWithAnswerDeadline(deadlineMs: number): typeof pg.Client {
  return class AnswerDeadlineClient extends pg.Client {
    override query(...args: unknown[]): never {
      const timer = setTimeout(() => {
        const stream = (this as unknown as { connection?: { stream?: { destroy(error?: Error): void } } }).connection?.stream;
        const error = new DatabaseNotAnswering(deadlineMs);
        // pg fails the queries of the broken connection with this error and then emits it on the
        // client too; a client checked out of its pool has no 'error' listener then, and an
        // unheard 'error' is an uncaught exception (the process would exit). The queries carry it.
        const expected = (emitted: Error): void => {
          if (emitted === error) this.removeListener('error', expected);
        };
        if (!stream) return;
        this.on('error', expected);
        stream.destroy(error);
      }, deadlineMs);
      timer.unref();
      const done = (): void => clearTimeout(timer);
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: Error | null, result?: unknown) => {
          done();
          (last as Callback)(error, result);
        };
      }
      const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
      if (typeof last !== 'function') {
        if (result instanceof Promise) result.then(done, done);
        else if (result && typeof (result as Submittable).once === 'function') {
          (result as Required<Submittable>).once('end', done);
          (result as Required<Submittable>).once('error', done);
        } else done();
      }
      return result as never;
    }
  };
}
