/**
 * When a failed delivery is tried again (pure): exponential back-off from `baseMs`, doubling
 * per attempt up to `maxMs`, with ±20 % jitter so that a receiver coming back is not hit by
 * every queued delivery at once; after `windowMs` since the delivery was queued (24 h by
 * default) it goes to the dead-letter list instead.
 */
export interface RetrySchedule {
  baseMs: number;
  maxMs: number;
  windowMs: number;
}

export type NextStep = { retryAt: Date } | { dead: true };

export function nextStep(schedule: RetrySchedule, attempts: number, retryFrom: Date, now: Date, random: () => number = Math.random): NextStep {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(schedule.maxMs, schedule.baseMs * 2 ** exponent) * (0.8 + 0.4 * random());
  const retryAt = new Date(now.getTime() + Math.round(delay));
  if (retryAt.getTime() - retryFrom.getTime() > schedule.windowMs) return { dead: true };
  return { retryAt };
}
