// Maps one VICS Media record (already JSON-parsed) to a HashEntry, and reads the OData context URL.
import {
  type HashEntry,
  type HashKind,
  NO_HASH,
  hasAnyHash,
  normaliseHex,
  toBool,
  toCategory,
  toText,
  clip,
} from './hash-entry.ts';

export type VicsContext = {
  version: string | null;
  profile: 'US' | 'UK' | 'Default' | 'CUSTOM' | null;
  scheme: string;
  /** 'Media' or 'Cases' from the `#…` fragment; null when the URL names neither (caller infers). */
  entitySet: 'Media' | 'Cases' | null;
  /** A fragment was present but named something else (e.g. `#Exifs`). */
  unknownFragment: string | null;
};

const PROFILES: Record<string, VicsContext['profile']> = { us: 'US', uk: 'UK', default: 'Default', custom: 'CUSTOM' };

/**
 * Reads version/profile/entity set from e.g. `http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media`
 * or `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases`.
 */
export function parseContext(context: string): VicsContext {
  const versionMatch = /(\d+(?:\.\d+)+)\.xml/i.exec(context) ?? /DataModels\/(\d+(?:\.\d+)+)/i.exec(context);
  const version = versionMatch ? versionMatch[1] : null;
  // Profiles are path segments after the model file, or a qualifier in the fragment (`#US/Media`).
  const tail = versionMatch
    ? context.slice(versionMatch.index + versionMatch[0].length)
    : context.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const profileMatch = /(?:^|[/#$.])(us|uk|default|custom)(?=$|[/#$.])/i.exec(tail);
  const profile = profileMatch ? PROFILES[profileMatch[1].toLowerCase()] : null;
  const hash = context.lastIndexOf('#');
  const fragment = hash >= 0 ? context.slice(hash + 1) : '';
  const set = /\b(Media|Cases)\b/i.exec(fragment);
  const entitySet = set ? (set[1].toLowerCase() === 'media' ? 'Media' : 'Cases') : null;
  const unknownFragment = fragment.trim() !== '' && entitySet === null ? fragment : null;
  return { version, profile, scheme: schemeOf(version, profile), entitySet, unknownFragment };
}

/** Category numbering differs per model version and 2.0 profile, so the scheme travels with the value. */
function schemeOf(version: string | null, profile: VicsContext['profile']): string {
  if (profile === 'CUSTOM') return 'custom';
  const major = version ? version.split('.')[0] : profile ? '2' : null;
  if (major === null) return 'vics-unknown';
  if (major === '1') return 'vics1';
  return `vics${major}-${(profile ?? 'Default').toLowerCase()}`;
}

type Hashes = Record<HashKind, string | null>;

const ALT_NAME_KEYS = new Set(['hashname', 'name', 'hashtype', 'type', 'algorithm']);
const ALT_VALUE_KEYS = new Set(['hashvalue', 'value', 'hash']);
const ALT_KINDS: Record<string, HashKind | 'photodna'> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  PDQ: 'pdq',
  PHOTODNA: 'photodna',
};

/** The fields of one Media record that become a HashEntry, filled while reading its keys. */
type MediaFields = {
  hashes: Hashes;
  photodna: string | null;
  category: string | null;
  series: string | null;
  victim: boolean | null;
  mediaId: string | null;
  alt: unknown;
};

/** One pass over the record's keys, case-insensitively, so `Md5`/`md5` exports still import. */
export function mediaToEntry(rec: unknown, scheme: string, keepRaw: boolean): HashEntry | string {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return 'record is not a JSON object';
  const f: MediaFields = {
    hashes: { md5: null, sha1: null, sha256: null, pdq: null },
    photodna: null,
    category: null,
    series: null,
    victim: null,
    mediaId: null,
    alt: undefined,
  };
  const problem = readMediaFields(rec as Record<string, unknown>, f);
  if (problem !== null) return problem;
  if (f.alt !== undefined && f.alt !== null) {
    const altProblem = mergeAlternativeHashes(f.alt, f.hashes, (p) => {
      f.photodna ??= p;
    });
    if (altProblem) return altProblem;
  }
  const hashes = f.hashes;
  if (!hasAnyHash(hashes)) return NO_HASH;
  // Explicit literal, not a spread: spreading `hashes` cost ~3 µs per record (measured).
  return {
    md5: hashes.md5,
    sha1: hashes.sha1,
    sha256: hashes.sha256,
    pdq: hashes.pdq,
    photodna: f.photodna,
    category: f.category,
    categoryScheme: scheme,
    series: f.series,
    victimIdentified: f.victim,
    mediaId: f.mediaId,
    raw: keepRaw ? rec : null,
  };
}

/** Fills `f` from the record's keys; returns why the record is skipped, or null. */
function readMediaFields(r: Record<string, unknown>, f: MediaFields): string | null {
  for (const key in r) {
    const v = r[key];
    switch (key.toLowerCase()) {
      case 'md5':
      case 'sha1':
      case 'sha256':
      case 'pdq': {
        const kind = key.toLowerCase() as HashKind;
        const res = normaliseHex(v, kind);
        if (!res.ok) return res.reason;
        f.hashes[kind] = res.hex;
        break;
      }
      case 'photodna':
        f.photodna = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
        break;
      case 'category': {
        const c = toCategory(v);
        if (!c.ok) return c.reason;
        f.category = c.category;
        break;
      }
      case 'series':
        f.series = toText(v);
        break;
      case 'victimidentified':
        f.victim = toBool(v);
        break;
      case 'mediaid':
        f.mediaId = toText(v);
        break;
      case 'alternativehashes':
        f.alt = v;
        break;
    }
  }
  return null;
}

/** Fills hashes missing at top level from AlternativeHashes; a malformed or conflicting value skips the record. */
function mergeAlternativeHashes(alt: unknown, hashes: Hashes, setPhotoDna: (v: string) => void): string | null {
  if (!Array.isArray(alt)) return `AlternativeHashes is a ${typeof alt}, expected an array`;
  for (let i = 0; i < alt.length; i++) {
    const item = alt[i];
    if (item === null || typeof item !== 'object') continue;
    const { name, value } = altPair(item as Record<string, unknown>);
    if (name === null) continue;
    const kind = ALT_KINDS[name.toUpperCase().replace(/[^A-Z0-9]/g, '')];
    if (kind === undefined) continue; // other algorithms (e.g. TMK) are kept only in raw
    if (kind === 'photodna') {
      if (typeof value === 'string' && value.trim()) setPhotoDna(value.trim());
      continue;
    }
    const res = normaliseHex(value, kind);
    if (!res.ok) return `AlternativeHashes[${i}] (${name}): ${res.reason}`;
    if (res.hex === null) continue;
    const existing = hashes[kind];
    if (existing !== null && existing !== res.hex) {
      return `conflicting ${kind.toUpperCase()} values: ${existing} and AlternativeHashes[${i}] ${clip(res.hex)}`;
    }
    hashes[kind] = res.hex;
  }
  return null;
}

function altPair(item: Record<string, unknown>): { name: string | null; value: unknown } {
  let name: string | null = null;
  let value: unknown = undefined;
  for (const k in item) {
    const lk = k.toLowerCase();
    if (name === null && ALT_NAME_KEYS.has(lk) && typeof item[k] === 'string') name = item[k] as string;
    else if (value === undefined && ALT_VALUE_KEYS.has(lk)) value = item[k];
  }
  return { name, value };
}

/** A string cut to `max` characters, saying how much was cut, so nobody mistakes it for the whole value. */
const clipText = (s: string, max: number): string =>
  s.length > max ? `${s.slice(0, max)}… [${s.length - max} characters cut on import]` : s;

/**
 * Cuts over-long strings and drops over-long keys anywhere in a parsed record, in place. Iterative: the scanner
 * bounds nesting, but input never drives recursion here.
 */
export function clipLongFields(rec: unknown, max: number): unknown {
  if (typeof rec === 'string') return clipText(rec, max);
  const stack: unknown[] = [rec];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const fields = node as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      if (key.length > max) delete fields[key];
      else if (typeof value === 'string' && value.length > max) fields[key] = clipText(value, max);
      else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return rec;
}
