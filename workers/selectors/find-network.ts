// IP addresses and phone numbers in free text, with the look-alikes (dates, amounts, order numbers) left out.
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { ip } from '../signals/ip.ts';
import { phone } from '../signals/phone.ts';
import { candidate, matches, type Candidate } from './candidate.ts';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\.?[0-9])(?!\\w)`, 'g');
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![\w:])/g;
/** Short numbers only count where the text says they were called: "bel 112" but not "112 euro". */
const SHORT_NUMBER = new RegExp(
  '(?<=\\b(?:bel|belde|bellen|gebeld|call|called|calling|dial|dialled|dialed|nummer|number|tel\\.?|telefoon)' +
    '\\s+(?:naar\\s+|met\\s+|to\\s+|op\\s+)?)(?:112|113|144|116[0-9]{3})(?![0-9])',
  'gi',
);
/** A number written right after one of these labels is an order, case or account number, not a phone. */
const NOT_A_PHONE_LABEL = new RegExp(
  '\\b(?:order|bestel|factuur|klant|kenmerk|referentie|ref|dossier|zaak|registratie|pv|bsn|kvk|btw|' +
    'postcode|artikel|transactie|track(?:ing)?|zending|pakket|invoice|customer|case|bon|ticket|' +
    'rekening|account|iban|pas|kaart|card|bank)\\w*\\s*(?:nummer|nr\\.?|no\\.?|number|id|code)?\\s*[:#.]?\\s*$',
  'i',
);
/** An extension is not part of the number people share: "06-12345678 toestel 12" is 06-12345678. */
const EXTENSION = /\s*(?:ext\.?|x|toestel|tst\.?|#)\s*[0-9]{1,6}$/i;
const CURRENCY_BEFORE = /(?:€|EUR|\$|£)\s*$/i;
const CURRENCY_AFTER = /^\s*(?:euro|eur|€|,-|,[0-9]{2})/i;

export function findIps(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const pattern of [IPV4, IPV6]) {
    for (const m of matches(pattern, text)) {
      const value = /[0-9a-f]/i.test(m.text) ? ip.normalise(m.text) : null;
      if (value !== null) found.push(candidate('ip', value, m.start, m.end));
    }
  }
  return found;
}

/** A written phone number starts with +, 00, a trunk 0, a bracket, the country code 31, or a bare 6 (mobile). */
function writtenLikeAPhone(surface: string): boolean {
  const digits = surface.replace(/[^0-9]/g, '');
  return /^[+(]/.test(surface) || /^(?:0|31|6)/.test(digits);
}

function isPhoneContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 8);
  return !NOT_A_PHONE_LABEL.test(before) && !CURRENCY_BEFORE.test(before) && !CURRENCY_AFTER.test(after);
}

export function findPhones(text: string): Candidate[] {
  const found: Candidate[] = [];
  // libphonenumber reads "," and ";" as an extension ("06-12345678, 06 …" → ext. 06): split lists first.
  const listsSplit = text.replace(/[,;]/g, '\n');
  for (const hit of findPhoneNumbersInText(listsSplit, { defaultCountry: 'NL' })) {
    const surface = text.slice(hit.startsAt, hit.endsAt).replace(EXTENSION, '');
    const end = hit.startsAt + surface.length;
    const value = phone.normalise(surface);
    if (value !== null && writtenLikeAPhone(surface) && isPhoneContext(text, hit.startsAt, end)) {
      found.push(candidate('phone', value, hit.startsAt, end));
    }
  }
  for (const m of matches(SHORT_NUMBER, text)) found.push(candidate('phone', m.text, m.start, m.end));
  return found;
}
