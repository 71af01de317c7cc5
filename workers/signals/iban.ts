// IBANs: upper case without spaces, valid by country format and the ISO 7064 mod-97 check (ibantools).
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { selectorSignal } from './signal-type.ts';

function normaliseIban(raw: string): string | null {
  const written = raw.trim();
  if (!/^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 -]+$/.test(written)) return null;
  const value = electronicFormatIBAN(written);
  return value !== null && isValidIBAN(value) ? value : null;
}

/** IBANs: `nl19 abcd 0123 4567 89` is `NL19ABCD0123456789`; one that fails mod-97 is not an IBAN. */
export const iban = selectorSignal('iban', 'IBAN', /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, normaliseIban);
