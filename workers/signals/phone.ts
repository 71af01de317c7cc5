// Phone numbers in E.164 (default region NL), and the Dutch short numbers that have no E.164 form.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { selectorSignal } from './signal-type.ts';

/** Emergency and helpline short numbers (112, 113, 144, the EU 116xxx lines): kept as dialled. */
const SHORT_NUMBER = /^(?:112|113|144|116[0-9]{3})$/;
/** Only what a phone number can be written with; words around it belong to the text, not the value. */
const PHONE_CHARS = /^\+?[0-9(][0-9 ()./\u2010-\u2015-]*$/;

/** E.164 with the Netherlands as the default region; null when it is not a valid number. */
function normalisePhone(raw: string): string | null {
  const written = raw.trim().replace(/^tel:/i, '');
  if (SHORT_NUMBER.test(written)) return written;
  if (!PHONE_CHARS.test(written) || (written.match(/[0-9]/g) ?? []).length < 7) return null;
  const parsed = parsePhoneNumberFromString(written, 'NL');
  return parsed?.isValid() ? parsed.number : null;
}

/** True for the short numbers that are not E.164 (112 …): they never identify a person. */
export function isShortNumber(value: string): boolean {
  return SHORT_NUMBER.test(value);
}

/** Phone numbers: `06-12345678`, `+31 (0)6-12345678` and `0031612345678` are all `+31612345678`. */
export const phone = selectorSignal(
  'phone',
  'phone',
  /^(?:\+[1-9][0-9]{5,14}|112|113|144|116[0-9]{3})$/,
  normalisePhone,
  (value) => !isShortNumber(value),
);
