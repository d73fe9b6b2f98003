import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { addressRefusal, type AddressRules } from './address-rules.js';

/** Resolves a host name to its addresses (all of them). Injectable so a test can play a rebinding DNS server. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export class AddressRefused extends Error {}

/**
 * The addresses `host` resolves to now, refused as a whole if any of them is one the rules
 * forbid (a name with one public and one private address is not a public name).
 */
export async function allowedAddresses(host: string, rules: AddressRules, resolve: Resolver): Promise<{ address: string; family: number }[]> {
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (addresses.length === 0) throw new AddressRefused(`${host} resolves to no address`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, rules);
    if (refusal) throw new AddressRefused(`${host} resolves to ${refusal}`);
  }
  return addresses;
}

/**
 * A `lookup` for http(s).request that checks the addresses it hands to the socket: the
 * connection goes to exactly the address that was checked, at delivery time — a DNS answer
 * that changed since registration (rebinding) cannot slip a private address through.
 */
export function guardedLookup(rules: AddressRules, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    allowedAddresses(hostname, rules, resolve).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(Object.assign(error, { code: error instanceof AddressRefused ? 'EADDRREFUSED' : (error as NodeJS.ErrnoException).code }), '', 0),
    );
  };
}
