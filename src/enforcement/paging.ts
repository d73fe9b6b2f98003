/**
 * Page arguments of every list. Lists of shared records are paged by the compiled read
 * (compiled-read/read-records.ts), with ordinal cursors bound to the caller's policy
 * (compiled-read/opaque-cursor.ts).
 */
export type { PageArgs } from './compiled-read/read-records.js';
