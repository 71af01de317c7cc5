// Checks a melding's fields the same way for the API and the bulk import: number, date, offence, text.
import { createHash } from 'node:crypto';
import type { Offence } from '../../storage/repositories/reports.repository.ts';
import { BadInput } from '../errors.ts';

const OFFENCES: readonly Offence[] = ['sextortion', 'grooming', 'misbruik-beeldmateriaal', 'other'];
const NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest melding text, in characters: far beyond any written report, short of a pasted chat export. */
export const MAX_TEXT_CHARS = 200_000;

export type ReportFields = {
  number: string;
  received: string;
  offence: Offence | null;
  victimMinor: boolean;
  aangifte: boolean;
  text: string;
};

export function checkNumber(raw: string): string {
  const number = raw.trim();
  if (NUMBER.test(number)) return number;
  throw new BadInput({
    nl:
      `Meldingnummer "${number.slice(0, 80)}" is ongeldig: 1–64 tekens, letters, cijfers, ".", "_", "/" of "-", ` +
      'beginnend met een letter of cijfer. Neem het registratienummer uit het bronsysteem over.',
    en:
      `Melding number "${number.slice(0, 80)}" is not valid: 1–64 characters, letters, digits, ".", "_", "/" or ` +
      '"-", starting with a letter or digit. Copy the registration number from the source system.',
  });
}

const badDate = (raw: string, why: { nl: string; en: string }) =>
  new BadInput({
    nl: `Ontvangstdatum "${raw.slice(0, 40)}" ${why.nl}. Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-14.`,
    en: `Received date "${raw.slice(0, 40)}" ${why.en}. Give the date as YYYY-MM-DD, for example 2026-03-14.`,
  });

/** A real calendar date, not after tomorrow (a melding received late at night elsewhere may be "tomorrow" here). */
export function checkReceived(raw: string, now = new Date()): string {
  const m = DATE.exec(raw.trim());
  if (!m) throw badDate(raw, { nl: 'is geen datum', en: 'is not a date' });
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw badDate(raw, { nl: 'bestaat niet', en: 'does not exist' });
  if (date.getTime() > now.getTime() + 24 * 3600_000)
    throw badDate(raw, { nl: 'ligt in de toekomst', en: 'lies in the future' });
  return m[0];
}

export function checkOffence(raw: string | null | undefined): Offence | null {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return null;
  if ((OFFENCES as readonly string[]).includes(value)) return value as Offence;
  throw new BadInput({
    nl: `Onbekend delict "${value.slice(0, 40)}". Kies uit ${OFFENCES.join(', ')}, of laat het leeg.`,
    en: `Unknown offence "${value.slice(0, 40)}". Choose one of ${OFFENCES.join(', ')}, or leave it empty.`,
  });
}

function checkText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  throw new BadInput({
    nl: `De tekst is langer dan ${MAX_TEXT_CHARS} tekens. Voeg lange chatexports toe als bijlage (PDF).`,
    en: `The text is longer than ${MAX_TEXT_CHARS} characters. Attach long chat exports as a file (PDF).`,
  });
}

/** The SHA-256 of the text as received (UTF-8): the text is evidence too. */
export const textSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function checkFields(input: ReportFields): ReportFields {
  return {
    number: checkNumber(input.number),
    received: checkReceived(input.received),
    offence: checkOffence(input.offence),
    victimMinor: input.victimMinor,
    aangifte: input.aangifte,
    text: checkText(input.text),
  };
}
