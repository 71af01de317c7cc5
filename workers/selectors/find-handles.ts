// Handles in free text: `@name`, "snap: name", "mijn insta is name", "name (Snapchat)".
import { HANDLE_NAME, handle } from '../signals/handle.ts';
import { platformAliasSource, platformFromAlias, type Platform } from '../signals/platforms.ts';
import { candidate, type Candidate } from './candidate.ts';

const NOTE = `\\s*[([](${platformAliasSource()})[)\\]]`;
/** A name ends where letters end: "privé" is not the name "priv". */
const END = '(?![\\p{L}\\p{N}])';
const AT_HANDLE = new RegExp(`(?<![\\p{L}\\p{N}_.@/+-])@(${HANDLE_NAME})${END}(?:${NOTE})?`, 'dgiu');
/** A platform named, then a connector, then the name: "snap: x", "snapchat naam = x", "insta is x". */
const CUED_HANDLE = new RegExp(
  // One-letter aliases ("x") are too common in prose to introduce a name; they only count in a note.
  `\\b(${platformAliasSource(2)})` +
    '(?:[ -]?(?:naam|name|account|gebruikersnaam|username|user|id|handle|profiel|profile))?' +
    `(?:\\s*[:=]\\s*|\\s+(?:is|was|heet|genaamd|called|named|als|as)\\s+)(@?${HANDLE_NAME})${END}`,
  'dgiu',
);
const NOTED_HANDLE = new RegExp(`(?<![\\p{L}\\p{N}_.@/+-])(${HANDLE_NAME})${NOTE}`, 'dgiu');
/** Words that follow "mijn snapchat is" without being a name: "is gehackt", "is privé". */
const NOT_A_NAME = new Set(
  (
    'gehackt hacked prive private verwijderd deleted geblokkeerd blocked niet not weg gone nep fake een de het ' +
    'the a an ook also nog still dezelfde same anders different van of en and mijn my zijn his haar her hun ' +
    'their openbaar public gesloten closed gewoon echt al already nu now leeg empty actief active offline online ' +
    'daar there hier here die dat this that deze onbekend unknown geen none no account profiel profile bericht ' +
    'berichten message messages foto fotos photo photos video chat app via op on'
  ).split(' '),
);

type Found = { start: number; end: number; name: string; platform: Platform | null };

function toCandidate(found: Found): Candidate | null {
  const value = handle.normalise(found.name);
  if (value === null || NOT_A_NAME.has(value)) return null;
  return candidate('handle', value, found.start, found.end, { platform: found.platform });
}

function platformOf(alias: string | undefined): Platform | null {
  return alias === undefined ? null : platformFromAlias(alias);
}

/** Named platforms first: "insta: @x" is an Instagram handle, not a bare @x. */
export function findHandles(text: string): Candidate[] {
  const found: Found[] = [];
  for (const m of text.matchAll(CUED_HANDLE)) {
    const [start, end] = m.indices![2];
    found.push({ start, end, name: m[2], platform: platformOf(m[1]) });
  }
  for (const m of text.matchAll(NOTED_HANDLE)) {
    found.push({ start: m.index, end: m.index + m[0].length, name: m[1], platform: platformOf(m[2]) });
  }
  for (const m of text.matchAll(AT_HANDLE)) {
    found.push({ start: m.index, end: m.index + m[0].length, name: m[1], platform: platformOf(m[2]) });
  }
  return found.map(toCandidate).filter((c): c is Candidate => c !== null);
}
