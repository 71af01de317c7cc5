// Host names as selectors compare them: lower case, ASCII (punycode), on a real public suffix or an IP literal.
import ipaddr from 'ipaddr.js';
import { parse } from 'tldts';

const ASCII_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** Canonical text of a four-part decimal IPv4 address; other IPv4 spellings (octal, hex, short) are refused. */
export function canonicalIpv4(raw: string): string | null {
  return ipaddr.IPv4.isValidFourPartDecimal(raw) ? ipaddr.IPv4.parse(raw).toString() : null;
}

/** Canonical IPv6 text (RFC 5952), or null; zone ids are local to one machine and are refused. */
export function canonicalIpv6(raw: string): string | null {
  return !raw.includes('%') && ipaddr.IPv6.isValid(raw) ? ipaddr.IPv6.parse(raw).toString() : null;
}

/** The domain name in canonical form when it ends in a known (ICANN or private) suffix, else null. */
export function hostWithKnownSuffix(raw: string): string | null {
  const written = raw.toLowerCase().replace(/\.$/, '');
  if (!/^[\p{L}\p{N}.-]+$/u.test(written) || /^[0-9.]+$/.test(written)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${written}`).hostname;
  } catch {
    return null;
  }
  if (!ASCII_HOST.test(ascii)) return null;
  const info = parse(ascii, { allowPrivateDomains: true });
  return info.domain !== null && !info.isIp && (info.isIcann === true || info.isPrivate === true) ? ascii : null;
}

/** A URL's host in canonical form: a known domain, an IPv4 address, or a bracketed IPv6 address. */
export function canonicalHost(raw: string): string | null {
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const v6 = canonicalIpv6(raw.slice(1, -1));
    return v6 === null ? null : `[${v6}]`;
  }
  return /^[0-9.]+$/.test(raw) ? canonicalIpv4(raw) : hostWithKnownSuffix(raw);
}

/** The registrable domain (`pay.example.com` → `example.com`, `darkfox.github.io` stays), or null for IPs. */
export function registrableDomain(host: string): string | null {
  return parse(host, { allowPrivateDomains: true }).domain;
}
