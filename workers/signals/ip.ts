// IP addresses: canonical IPv4 or IPv6 text; an IPv4-mapped IPv6 address is its IPv4 address.
import ipaddr from 'ipaddr.js';
import { canonicalIpv4, canonicalIpv6 } from './hosts.ts';
import { selectorSignal } from './signal-type.ts';

/** Ranges that never leave one network or one machine: the same address in two meldingen says nothing. */
const LOCAL_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'private',
  'carrierGradeNat',
  'uniqueLocal',
]);

function normaliseIp(raw: string): string | null {
  const written = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (/^[0-9.]+$/.test(written)) return canonicalIpv4(written);
  const v6 = canonicalIpv6(written);
  if (v6 === null) return null;
  const address = ipaddr.IPv6.parse(v6);
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : v6;
}

/** IP addresses: `2001:0DB8::0001` is `2001:db8::1`, `::ffff:192.0.2.44` is `192.0.2.44`. */
export const ip = selectorSignal(
  'ip',
  'IP',
  /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/,
  normaliseIp,
  // Documentation ranges (192.0.2.0/24, 2001:db8::/32) count as public so fictional scenarios can link.
  (value) => !LOCAL_RANGES.has(ipaddr.parse(value).range()),
);
