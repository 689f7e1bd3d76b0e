import ipaddr from 'ipaddr.js';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * What an address is, by ipaddr.js `range()`: `unicast` for a public unicast address, else
 * the name of the range it falls in (`private`, `loopback`, `linkLocal`, `uniqueLocal`,
 * `carrierGradeNat`, `reserved` (documentation, benchmarking, 240/4 …), `multicast`,
 * `broadcast`, `unspecified`, `discard`, `teredo`, `ipv4Mapped`, `rfc6145`, …). Forms that embed
 * an IPv4 address name that address's range after a slash: `6to4/private`, `rfc6052/loopback`.
 *
 * Rules beyond ipaddr.js:
 * - Only the strict forms `node:net` accepts are addresses: `2130706433` or `0x7f.1`, which
 *   ipaddr.js would parse, are `invalid`.
 * - 6to4 (2002::/16) and NAT64 (64:ff9b::/96) reach the IPv4 address they embed, so they are
 *   as public as it is: `unicast` only when it is.
 * - Local-use NAT64 (64:ff9b:1::/48) is `rfc6052`: it reaches a private network by design.
 * - Teredo (2001::/32) is always refused: the address embeds a relay and an obfuscated
 *   client IPv4, the connection goes through a relay the guard cannot check, and no public
 *   site serves from Teredo.
 * - IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96) are always refused, as
 *   is the deprecated IPv4-compatible ::/96 (`ipv4Compatible`), whichever IPv4 they carry.
 *
 * IPv6 may be bracketed and carry a zone (`fe80::1%eth0`).
 */
export function addressRange(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return ipaddr.IPv4.parse(bare).range();
  if (!isIPv6(bare)) return 'invalid';
  const v6 = ipaddr.IPv6.parse(bare);
  const range = v6.range();
  const parts = v6.parts;
  if (range === '6to4') return embedded(range, [parts[1]!, parts[2]!]);
  if (range === 'rfc6052' && parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0) {
    return embedded(range, [parts[6]!, parts[7]!]);
  }
  if (range === 'unicast' && parts.slice(0, 6).every((part) => part === 0)) return 'ipv4Compatible';
  return range;
}

/**
 * Whether the fetch guard refuses an address: everything {@link addressRange} does not call
 * `unicast`. A string that is not an IP address at all is refused, so callers fail closed.
 */
export function isPrivateAddress(address: string): boolean {
  return addressRange(address) !== 'unicast';
}

/** The range of the IPv4 address in two 16-bit groups: `unicast` when public, else `<outer>/<range>`. */
function embedded(outer: string, [high, low]: [number, number]): string {
  const v4 = new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]).range();
  return v4 === 'unicast' ? 'unicast' : `${outer}/${v4}`;
}
