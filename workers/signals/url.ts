// Links: scheme removed, host lower-cased, leading `www.` dropped, path and query kept exactly as written.
import { canonicalHost, registrableDomain } from './hosts.ts';
import { selectorSignal } from './signal-type.ts';

const SCHEME = /^(?:https?|hxxps?):\/\//i;
const DEFAULT_PORTS = new Set(['80', '443']);

/** Splits `host[:port]` (IPv6 hosts in brackets) into the canonical host and the port worth keeping. */
function canonicalAuthority(authority: string): string | null {
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::([0-9]{1,5}))?$/.exec(authority);
  if (match === null) return null;
  const host = canonicalHost(match[1]);
  if (host === null) return null;
  // `www.` goes only where what remains is still a domain: www.example.com, but www.nl stays.
  const bare = host.startsWith('www.') && canonicalHost(host.slice(4)) !== null ? host.slice(4) : host;
  const port = match[2] === undefined || DEFAULT_PORTS.has(match[2]) ? '' : `:${Number(match[2])}`;
  return bare + port;
}

function normaliseUrl(raw: string): string | null {
  const written = raw
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .replace(SCHEME, '');
  if (written === '' || /\s/.test(written) || /^[a-z][a-z0-9+.-]*:\/\//i.test(written)) return null;
  const split = written.search(/[/?#]/);
  const authority = split === -1 ? written : written.slice(0, split);
  // A user name in the authority makes it an address or a trick link, not a plain link.
  if (authority.includes('@')) return null;
  const host = canonicalAuthority(authority);
  if (host === null) return null;
  const rest = split === -1 ? '' : written.slice(split).replace(/\/+$/, '');
  return host + rest;
}

/** The host of a canonical link value (`pay.example.com/t/x` → `pay.example.com`), without its port. */
export function urlHost(value: string): string {
  const authority = value.slice(0, value.search(/[/?#]|$/));
  return authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d+$/, '');
}

/** True when a canonical link is only a host: no path, query or fragment. */
export function isBareHost(value: string): boolean {
  return !/[/?#]/.test(value);
}

/** The registrable domain of a canonical link (`pay.example.com/t/x` → `example.com`), null for IP hosts. */
export function urlDomain(value: string): string | null {
  return registrableDomain(urlHost(value));
}

/** Links: `https://www.Example.com/Pay/AbC/` is `example.com/Pay/AbC`; another token is another link. */
export const url = selectorSignal('url', 'URL', /^[a-z0-9.[\]:-]+(?:[/?#]\S*)?$/, normaliseUrl);
