import { isIP } from 'node:net';
import { addressRefusal, type AddressRules } from './address-rules.js';

/** A URL's host without IPv6 brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks an endpoint URL as written (pure): http(s) only, https only under production rules, no
 * credentials in it, no fragment, and an IP literal must be an address the rules allow. A host
 * name is resolved and checked when registered and again at every delivery (guarded-lookup.ts).
 */
export function endpointUrlProblem(raw: string, rules: AddressRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url: not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url: only https (and, in development mode, http) endpoints';
  if (rules.publicOnly && url.protocol !== 'https:') return 'url: production mode delivers to https endpoints only';
  if (url.username || url.password) return 'url: must not carry credentials';
  if (url.hash) return 'url: must not have a fragment';
  if (raw.length > 2000) return 'url: longer than 2000 characters';
  const host = hostOf(url);
  if (isIP(host)) {
    const refusal = addressRefusal(host, rules);
    if (refusal) return `url: ${refusal}`;
  }
  return null;
}
