/** Requests counted per user and per agency and fixed window (migration Hardening): key, points, expire (epoch ms). */
export const RATE_LIMIT_TABLE = 'rate_limit_counter';

/** Records disclosed per clause, recipient agency and UTC day (migration Hardening). */
export const DAILY_DISCLOSURE_TABLE = 'clause_daily_disclosure';
