// Whose identifier is it? Only a phrase attached to the value decides ("telefoonnummer melder:",
// "mijn nummer is", "dader:"); a role word elsewhere in the sentence does not. See SelectorRole.
import type { SelectorRole } from './types.ts';

const NOUN =
  '(?:telefoonnummers?|telefoonnr\\.?|telnr\\.?|tel\\.?|telefoon|nummers?|nr\\.?|mobiel(?:e nummer)?|gsm|' +
  '06(?:-nummer)?|whatsapp|e-?mail(?:adres)?|mail(?:adres)?|adres|snap(?:chat)?|insta(?:gram)?|tiktok|' +
  'telegram|discord|kik|accounts?|handle|gebruikersnaam|username|iban|(?:bank)?rekening(?:nummer)?|' +
  'ip(?:-?adres)?|phone(?: number)?|number|mobile|e-?mail address|address|profiel|profile|wallet|link)';
const VICTIM = '(?:slachtoffer|victim|dochter|zoon|kind|minderjarige|daughter|son|child)';
const REPORTER =
  '(?:melder|meldster|aangever|aangeefster|ouders?|moeder|vader|voogd|verzorger|contactpersoon|parent|mother|' +
  'father|guardian|reporter)';
const OFFENDER =
  '(?:dader|verdachte|afzender|afperser|oplichter|chanteur|groomer|offender|suspect|perpetrator|sender|' +
  'scammer|blackmailer|extortionist)';
const OWNER = "(?:de |het |mijn |m'n |onze |ons |the |my |our )?";
const CONNECT = '\\s*(?:[:=]|\\b(?:is|was|luidt|zijn|are|waren|were)\\b)?\\s*(?:[:=]\\s*)?$';
/** Words that may stand between "mijn" and the noun without changing whose it is. */
const QUALIFIER = '(?:eigen|oude|nieuwe|huidige|vorige|andere|tweede|zakelijke|own|old|new|current|other|second)';

/** "<noun> (van) <role>:", "<role>('s) <noun>:", "<role>:" — each ending right before the value. */
function attached(role: string): RegExp {
  return new RegExp(
    `(?:\\b${NOUN}\\s+(?:van\\s+|of\\s+)?${OWNER}${role}\\b` +
      `|\\b${role}(?:'s|s'|\\s+(?:zijn|haar|his|her))?\\s+${OWNER}${NOUN}|\\b${role})${CONNECT}`,
    'i',
  );
}

const LABEL_RULES: readonly [RegExp, SelectorRole][] = [
  [attached(VICTIM), 'victim'],
  [attached(REPORTER), 'reporter'],
  [attached(OFFENDER), 'offender'],
  // Sent or called from the value: "gebeld door 06-…", "a message from @x".
  [/\b(?:door|vanaf|from|by)\s*:?\s*$/i, 'offender'],
];
/** The writer speaking of their own ("mijn nummer is", "u kunt mij bereiken op"): only in the melder's text. */
const FIRST_PERSON_RULES: readonly [RegExp, SelectorRole][] = [
  [new RegExp(`\\b(?:mijn|m'n|mn|my|onze|our)\\s+(?:${QUALIFIER}\\s+){0,2}${NOUN}${CONNECT}`, 'i'), 'reporter'],
  [/\b(?:bereik(?:en|baar)|reach me|contact me)\b[^.]*$/i, 'reporter'],
];
/** Someone else's words quoted in the melding: "hij schreef: mijn nummer is …" is not the melder's number. */
const REPORTED_SPEECH = /\b(?:schreef|zei|zegt|stuurde|appte|vroeg|typte|wrote|said|says|sent|asked|texted)\b\s*:/i;

/** Between two values in a list ("06-… en 06-…", "a@x.nl, b@y.nl") the second keeps the first one's role. */
const LIST_SEPARATOR = /^[ \t]*(?:,|\/|;|&|\+|en|of|and|or)?[ \t]*(?:,[ \t]*)?$/i;
const CLAUSE_END = /[\n!?;]|\.(?=\s+\p{Lu})/gu;
const WINDOW = 80;

function insideQuotes(text: string, start: number): boolean {
  const paragraph = text.slice(Math.max(0, text.lastIndexOf('\n', start - 1) + 1), start);
  const straight = (paragraph.match(/"/g) ?? []).length;
  return straight % 2 === 1 || paragraph.lastIndexOf('\u201c') > paragraph.lastIndexOf('\u201d');
}

export type RoleOptions = {
  /** First person means the melder only in the melder's own text; in a chat screenshot anyone says "mijn". */
  firstPerson: boolean;
};

/** The role of the value at `start`, read from the text after `from` (the previous value or a clause end). */
function roleBefore(text: string, from: number, start: number, options: RoleOptions): SelectorRole {
  const base = Math.max(from, start - WINDOW);
  const lastEnd = [...text.slice(base, start).matchAll(CLAUSE_END)].at(-1);
  const window = text.slice(lastEnd === undefined ? base : base + lastEnd.index + lastEnd[0].length, start);
  for (const [pattern, role] of LABEL_RULES) if (pattern.test(window)) return role;
  const ownWords = options.firstPerson && !insideQuotes(text, start) && !REPORTED_SPEECH.test(window);
  if (ownWords) for (const [pattern, role] of FIRST_PERSON_RULES) if (pattern.test(window)) return role;
  return 'unknown';
}

type Span = { start: number; end: number; role: SelectorRole };

/** Roles for values in text order; values at the same place (a link and the handle it carries) share one. */
export function assignRoles<T extends { start: number; end: number }>(
  text: string,
  found: readonly T[],
  options: RoleOptions,
): (T & Span)[] {
  const out: (T & Span)[] = [];
  let previous: Span | null = null;
  for (const item of found) {
    let role: SelectorRole;
    if (previous !== null && previous.start === item.start) role = previous.role;
    else if (previous !== null && LIST_SEPARATOR.test(text.slice(previous.end, item.start))) role = previous.role;
    else role = roleBefore(text, previous?.end ?? 0, item.start, options);
    const span: T & Span = { ...item, role };
    out.push(span);
    if (previous === null || item.start !== previous.start) previous = span;
  }
  return out;
}
