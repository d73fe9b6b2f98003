import { BlockList, isIP } from 'node:net';

/**
 * Which network addresses a webhook may be delivered to (no SSRF through the webhook
 * registry). In production every address outside the public internet is refused — loopback,
 * the private ranges, link-local (cloud metadata services live at 169.254.169.254), carrier-grade
 * NAT, multicast, reserved and unspecified, in IPv4 and IPv6 (IPv4-mapped IPv6 included) —
 * unless the operator lists its network in LIAISON_WEBHOOK_ALLOWED_NETWORKS.
 */
const NON_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['64:ff9b::', 96, 'ipv6'], ['100::', 64, 'ipv6'], ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'],
];

export interface AddressRules {
  /** Production rules: only public addresses, unless allowed. */
  publicOnly: boolean;
  allowed: BlockList;
}

export function addressRules(publicOnly: boolean, allowedNetworks: readonly string[]): AddressRules {
  const allowed = new BlockList();
  for (const network of allowedNetworks) {
    const [address, prefix] = network.split('/') as [string, string];
    allowed.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return { publicOnly, allowed };
}

const nonPublic = new BlockList();
for (const [address, prefix, family] of NON_PUBLIC) nonPublic.addSubnet(address, prefix, family);

/** Why `address` (an IP literal) may not be delivered to under `rules`, or null when it may. */
export function addressRefusal(address: string, rules: AddressRules): string | null {
  const version = isIP(address);
  if (!version) return `"${address}" is not an IP address`;
  if (!rules.publicOnly) return null;
  const family = version === 6 ? 'ipv6' : 'ipv4';
  if (!nonPublic.check(address, family) || rules.allowed.check(address, family)) return null;
  return `${address} is a loopback, private, link-local or reserved address (allow its network with LIAISON_WEBHOOK_ALLOWED_NETWORKS)`;
}
