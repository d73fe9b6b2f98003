import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Log lines carry ids, agencies, roles, purposes, codes and timings —
 * never personal data (no names, no record content, no variables, no tokens).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'liaison' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[redacted]' },
  }, destination);
}

export type { Logger };
