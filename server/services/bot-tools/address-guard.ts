import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/*
 * Where a custom tool may connect. An admin types the URL, but the model fills its parameters
 * and the API's DNS can change: without this a tool is a way into the server's own network
 * (the cloud's metadata service at 169.254.169.254, a database on 10.0.0.5, the app itself on
 * 127.0.0.1). Every address a name resolves to is checked, and the connection goes to the
 * address that was checked, so a name that answers differently a moment later (DNS rebinding)
 * is never looked up again between the check and the connect.
 */

const refused = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const)
  refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  refused.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::) address. */
function embeddedIPv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const [hi, lo] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether `address` (an IP literal) is one a tool may not reach unless its host is allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return refused.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: never connect to it
  const v4 = embeddedIPv4(address);
  return v4 !== undefined ? refused.check(v4, 'ipv4') : refused.check(address, 'ipv6');
}

export type AddressCheck =
  | { ok: true; address: string; family: 4 | 6 }
  | { ok: false; code: 'blocked_address' | 'dns_failed' };

/** A hostname as URLs carry it, compared case-insensitively and without IPv6's brackets. */
export const normalHost = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

/**
 * The address to connect to for `host`: every address it resolves to must be public, unless
 * the host is one an admin allowed. Refusing when any one is private (not only the first)
 * keeps a name with one public and one private address from reaching the private one.
 */
export async function checkHost(
  host: string,
  allowedHosts: readonly string[],
  resolve: typeof lookup = lookup,
): Promise<AddressCheck> {
  const name = normalHost(host);
  let addresses: { address: string; family: number }[];
  if (isIP(name)) addresses = [{ address: name, family: isIP(name) }];
  else {
    try {
      addresses = await resolve(name, { all: true, verbatim: true });
    } catch {
      return { ok: false, code: 'dns_failed' };
    }
  }
  if (!addresses.length) return { ok: false, code: 'dns_failed' };
  const allowed = allowedHosts.some((h) => normalHost(h) === name);
  if (!allowed && addresses.some((a) => isPrivateAddress(a.address)))
    return { ok: false, code: 'blocked_address' };
  const first = addresses[0]!;
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}
