import type { FormattedExecutionResult } from 'graphql';

/**
 * A response's JSON text, written while its disclosure-log entry commits.
 *
 * Every response waits for its entry's commit before it leaves (fail closed), and Apollo
 * serialises the response only after that wait: on an idle gateway the serialisation (a third
 * of a millisecond for a page of fifty release plans) then adds to the request's time. The
 * response plugin writes the text while the entry's INSERT is in flight instead, and Apollo's
 * `stringifyResult` hands over that text — only for the very result it was written from (the
 * same extensions object, data and errors). A result replaced since (the log write failed:
 * SERVICE_UNAVAILABLE, no data) is serialised afresh, as is every response that was not written
 * ahead. The text is Apollo's own form: errors, data, extensions, then a newline.
 */

interface WrittenAhead {
  data: FormattedExecutionResult['data'];
  errors: FormattedExecutionResult['errors'];
  text: string;
}

/**
 * The text written ahead, kept on its result's extensions object (a new one for every response:
 * the plugin sets `extensions.liaison`) under a symbol, which JSON leaves out. Not in a WeakMap
 * keyed by that object: V8's young-generation collections keep a WeakMap's values alive until
 * the next full collection — every response's data and text were copied and promoted.
 */
const WRITTEN_AHEAD = Symbol('liaison.writtenAhead');
type Extensions = NonNullable<FormattedExecutionResult['extensions']> & { [WRITTEN_AHEAD]?: WrittenAhead };

/** A result's JSON text as Apollo writes it (`orderExecutionResultFields`, then `prettyJSONStringify`). */
export function responseText(result: FormattedExecutionResult): string {
  return `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
}

/**
 * What a result's data becomes once its text is written: the request then waits for its entry's
 * commit holding the text, not the response's objects, which would otherwise live through V8's
 * young-generation collections meanwhile, copied and then promoted (docs/architecture.md §5;
 * `bench/held-while-logging.ts`). Serialising it is an error, never an answer without its
 * data: only a result whose errors or extensions were replaced after its text was written (no
 * code does) could reach it.
 */
const RELEASED_DATA: Record<string, unknown> = Object.freeze({
  toJSON(): never {
    throw new Error('response data released once its text was written ahead, then serialised again');
  },
});

/**
 * Writes `result`'s text now, to be handed to Apollo if the result is still this one when it
 * serialises it, and lets go of its data (RELEASED_DATA). Never throws: a result that cannot be
 * serialised is left to Apollo, data and all, which fails on it as it always did (and the
 * entry's write is still awaited by the caller).
 */
export function writeAhead(result: FormattedExecutionResult): void {
  if (!result.extensions) return;
  let text: string;
  try {
    text = responseText(result);
  } catch {
    return;
  }
  if (result.data) result.data = RELEASED_DATA;
  Object.defineProperty(result.extensions, WRITTEN_AHEAD, { value: { data: result.data, errors: result.errors, text }, configurable: true });
}

/** Apollo's `stringifyResult`: the text written ahead for this very result, or else written now. */
export function stringifyResult(result: FormattedExecutionResult): string {
  const ahead = (result.extensions as Extensions | undefined)?.[WRITTEN_AHEAD];
  if (ahead && ahead.data === result.data && ahead.errors === result.errors) return ahead.text;
  return responseText(result);
}
