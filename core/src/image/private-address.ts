import { isIPv4, isIPv6 } from 'node:net';

type Range = readonly [prefix: readonly number[], bits: number, kind: string];

// IANA special-purpose registries (RFC 6890 and successors): anything not publicly routable.
const IPV4_RANGES: readonly Range[] = [
  [[0], 8, 'unspecified'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'carrier-grade NAT'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'benchmarking'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'],
];

const IPV6_RANGES: readonly Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'discard-only'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'site-local'],
  [[0xff], 8, 'multicast'],
];

function inRange(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const maskBits = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - maskBits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

function parseIpv6(address: string): Uint8Array {
  let text = address.split('%')[0] ?? '';
  const bytes = new Uint8Array(16);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = parseIpv4(dotted[1]);
    const high = ((v4[0] ?? 0) << 8) | (v4[1] ?? 0);
    const low = ((v4[2] ?? 0) << 8) | (v4[3] ?? 0);
    text = `${text.slice(0, -dotted[1].length)}${high.toString(16)}:${low.toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  groups.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function ipv4Kind(bytes: Uint8Array): string | undefined {
  if (bytes.every((b) => b === 255)) return 'broadcast';
  return IPV4_RANGES.find(([prefix, bits]) => inRange(bytes, prefix, bits))?.[2];
}

function ipv6Kind(bytes: Uint8Array): string | undefined {
  const embedded = (offset: number) => ipv4Kind(bytes.subarray(offset, offset + 4));
  const zeroUpTo = (end: number) => bytes.subarray(0, end).every((b) => b === 0);
  if (zeroUpTo(15)) return bytes[15] === 1 ? 'loopback' : bytes[15] === 0 ? 'unspecified' : 'reserved';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d, RFC 6145) and the
  // deprecated IPv4-compatible (::a.b.c.d) forms.
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return embedded(12);
  if (zeroUpTo(8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0)
    return embedded(12);
  if (zeroUpTo(12)) return embedded(12);
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
  if (inRange(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return embedded(12);
  if (inRange(bytes, [0x20, 0x02], 16)) return embedded(2);
  const named = IPV6_RANGES.find(([prefix, bits]) => inRange(bytes, prefix, bits))?.[2];
  // Only global unicast (2000::/3) reaches the internet; any other form is refused, named or not.
  return named ?? (inRange(bytes, [0x20], 3) ? undefined : 'reserved');
}

/**
 * Why an IP address is not on the public internet (`'loopback'`, `'private'`, `'link-local'`,
 * `'unique-local'`, `'carrier-grade NAT'`, `'unspecified'`, `'multicast'`, …), or `undefined` when it is
 * public. IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4) are judged by their IPv4 part.
 */
export function privateAddressKind(address: string): string | undefined {
  if (isIPv4(address)) return ipv4Kind(parseIpv4(address));
  if (isIPv6(address)) return ipv6Kind(parseIpv6(address));
  throw new TypeError(`not an IP address: ${address}`);
}
