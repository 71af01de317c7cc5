// "Lijkt op" hints: values one slip away from another (a digit, a character, the domain). Shown to an
// analyst beside the melding, never linked and never escalated: 06-12345679 is not 06-12345678.
import { parse } from 'tldts';
import { isShortNumber } from '../signals/phone.ts';
import type { SelectorName } from '../signals/signal-type.ts';
import { urlHost } from '../signals/url.ts';

type NearMissReason = 'one-digit' | 'one-character' | 'swapped-characters' | 'other-domain' | 'other-suffix';
export type NearMiss = { value: string; reason: NearMissReason };

type Edit = 'substituted' | 'inserted' | 'swapped';

/** The single edit that turns `a` into `b` (Damerau: substitute, insert/delete, swap neighbours), or null. */
function singleEdit(a: string, b: string): Edit | null {
  if (a === b || Math.abs(a.length - b.length) > 1) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length !== b.length) {
    const [long, short] = a.length > b.length ? [a, b] : [b, a];
    return long.slice(i + 1) === short.slice(i) ? 'inserted' : null;
  }
  if (a.slice(i + 1) === b.slice(i + 1)) return 'substituted';
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped ? 'swapped' : null;
}

function byEdit(a: string, b: string, substituted: NearMissReason = 'one-character'): NearMissReason | null {
  const edit = singleEdit(a, b);
  if (edit === null) return null;
  return edit === 'swapped' ? 'swapped-characters' : edit === 'substituted' ? substituted : 'one-character';
}

function phoneReason(a: string, b: string): NearMissReason | null {
  if (isShortNumber(a) || isShortNumber(b) || a.length !== b.length) return null;
  return byEdit(a, b, 'one-digit');
}

function emailReason(a: string, b: string): NearMissReason | null {
  const [localA, domainA] = [a.slice(0, a.lastIndexOf('@')), a.slice(a.lastIndexOf('@') + 1)];
  const [localB, domainB] = [b.slice(0, b.lastIndexOf('@')), b.slice(b.lastIndexOf('@') + 1)];
  if (localA === localB) return 'other-domain';
  return domainA === domainB ? byEdit(localA, localB) : null;
}

/** `pay.example.com/t/x` and `pay.example.nl/t/x`: the same name and path under another public suffix. */
function urlReason(a: string, b: string): NearMissReason | null {
  const [hostA, hostB] = [urlHost(a), urlHost(b)];
  const [infoA, infoB] = [parse(hostA), parse(hostB)];
  const sameName =
    infoA.domainWithoutSuffix !== null &&
    infoA.domainWithoutSuffix === infoB.domainWithoutSuffix &&
    infoA.subdomain === infoB.subdomain &&
    infoA.publicSuffix !== infoB.publicSuffix;
  if (sameName && a.slice(hostA.length) === b.slice(hostB.length)) return 'other-suffix';
  return byEdit(a, b);
}

const REASONS: Readonly<Record<SelectorName, (a: string, b: string) => NearMissReason | null>> = {
  phone: phoneReason,
  email: emailReason,
  handle: (a, b) => byEdit(a, b),
  // The check digits differ whenever the account does; compare country, bank and account only.
  iban: (a, b) => (a.slice(0, 2) === b.slice(0, 2) ? byEdit(a.slice(4), b.slice(4)) : null),
  ip: (a, b) => byEdit(a, b, 'one-digit'),
  url: urlReason,
  btc: (a, b) => byEdit(a, b),
  eth: (a, b) => byEdit(a, b),
};

/** The candidates (canonical values of the same type) that look like `value` without being it. */
export function findNearMisses(type: SelectorName, value: string, candidates: Iterable<string>): NearMiss[] {
  const hints: NearMiss[] = [];
  const seen = new Set<string>([value]);
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const reason = REASONS[type](value, candidate);
    if (reason !== null) hints.push({ value: candidate, reason });
  }
  return hints;
}
