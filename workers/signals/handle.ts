// Handles (user names on chat and social platforms): lower case, no `@`, with the platform kept beside it.
import { platformAliasSource, platformFromAlias, type Platform } from './platforms.ts';
import { selectorSignal } from './signal-type.ts';

/** Letters, digits, `_`, `.`, `-`; at least one letter; never ending in `.` or `-` (sentence punctuation). */
export const HANDLE_NAME = '[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9_])?';
const CANONICAL = /^(?=[a-z0-9._-]*[a-z])[a-z0-9_](?:[a-z0-9._-]{0,30}[a-z0-9_])?$/;
const ALIAS = platformAliasSource();
const WRITTEN = new RegExp(
  `^(?:(${ALIAS})\\s*:\\s*)?@?(${HANDLE_NAME})` + `(?:\\s*[([](${ALIAS})[)\\]]|\\s+(?:op|on|via)\\s+(${ALIAS}))?$`,
  'i',
);

export type ParsedHandle = { value: string; platform: Platform | null };

/** `@DarkFox_78 (Snapchat)`, `snap: darkfox_78` → `{ value: 'darkfox_78', platform: 'snapchat' }`. */
export function parseHandle(raw: string): ParsedHandle | null {
  const match = WRITTEN.exec(raw.trim());
  if (match === null) return null;
  const value = match[2].toLowerCase();
  if (!CANONICAL.test(value)) return null;
  const named = match[1] ?? match[3] ?? match[4];
  return { value, platform: named === undefined ? null : platformFromAlias(named) };
}

/** Handles: `@DarkFox_78`, `darkfox_78 (Snapchat)` and `DARKFOX_78` are one; `darkfox_77` is another. */
export const handle = selectorSignal(
  'handle',
  'handle',
  CANONICAL,
  (raw) => parseHandle(raw)?.value ?? null,
  // Two characters are too few to tell people apart.
  (value) => value.length >= 3,
);
