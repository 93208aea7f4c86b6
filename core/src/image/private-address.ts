import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// ipaddr.js's range names, as the refusal message says them; a range not named here is said as
// ipaddr.js names it (`as112`, `teredo`, `benchmarking`, …).
const NAMES: Record<string, string> = {
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
  discard: 'discard-only',
  rfc6052: 'NAT64 local-use',
  unicast: 'reserved',
};

// ipaddr.js calls these `reserved`; the refusal says what they are for (RFC 5737, 3849, 9637).
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].map(
  (cidr) => ipaddr.parseCIDR(cidr),
);
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

const ipv4 = (bytes: number[]) => new ipaddr.IPv4(bytes);

/** The IPv4 address an IPv6 one reaches, for the forms that embed one: mapped, RFC 6145, NAT64, 6to4. */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return ipv4(bytes.slice(12));
  if (range === 'rfc6052' && address.match(NAT64)) return ipv4(bytes.slice(12));
  if (range === '6to4') return ipv4(bytes.slice(2, 6));
  return undefined;
}

function kindOf(address: Address): string | undefined {
  const range = address.range();
  if (address.kind() === 'ipv6') {
    const embedded = embeddedIpv4(address as ipaddr.IPv6, range);
    if (embedded) return kindOf(embedded);
  }
  // Only ordinary unicast reaches the public internet, and for IPv6 only inside 2000::/3; anything
  // else ipaddr.js knows (AS112 and AMT anycast too) or does not (::a.b.c.d, 1::) is refused.
  if (range === 'unicast' && (address.kind() === 'ipv4' || address.match(GLOBAL_UNICAST))) return undefined;
  if (DOCUMENTATION.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits)))
    return 'documentation';
  return NAMES[range] ?? range;
}

/**
 * Why an IP address is not on the public internet (`'loopback'`, `'private'`, `'link-local'`,
 * `'unique-local'`, `'carrier-grade NAT'`, `'unspecified'`, `'multicast'`, …), or `undefined` when it is
 * public. IPv4 addresses embedded in IPv6 (mapped, RFC 6145, NAT64, 6to4) are judged by their IPv4 part.
 * @throws TypeError for text that is not an IP address in its standard form (not `127.1` or `0x7f.0.0.1`)
 */
export function privateAddressKind(address: string): string | undefined {
  if (isIP(address) === 0) throw new TypeError(`not an IP address: ${address}`);
  return kindOf(ipaddr.parse(address));
}
