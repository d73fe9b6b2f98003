import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, parsed. */
  lines: Record<string, unknown>[];
  /** Lines whose decisionId is `decisionId`. */
  forDecision(decisionId: string): Record<string, unknown>[];
}

/** A gateway logger whose JSON lines the test can read (what an operator would see). */
export function captureLog(): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  return { log, lines, forDecision: (decisionId) => lines.filter((l) => l.decisionId === decisionId) };
}
