// IBANs and crypto wallets in text: each must pass its checksum; from OCR, one misread may be repaired.
import { countrySpecs } from 'ibantools';
import { btc } from '../signals/btc.ts';
import { eth } from '../signals/eth.ts';
import { iban } from '../signals/iban.ts';
import type { SelectorName } from '../signals/signal-type.ts';
import { candidate, matches, type Candidate, type FindOptions } from './candidate.ts';
import { repairOneConfusion } from './ocr-repair.ts';

/** Where an IBAN may start: country code and check digits; its country's length says where it ends. */
const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?=(?:[ -]?[A-Za-z0-9]){11})/g;
/** From OCR the check digits themselves may be misread (O for 0, l for 1 …). */
const IBAN_START_OCR = /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9OoIlSBZ]{2}(?=(?:[ -]?[A-Za-z0-9]){11})/g;
const ETH = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;
const ETH_OCR = /(?<![A-Za-z0-9])0[xX][0-9A-Za-z]{40}(?![A-Za-z0-9])/g;
const BTC = /(?<![A-Za-z0-9])(?:(?:bc|tb|BC|TB)1[A-Za-z0-9]{6,87}|[123mn][1-9A-HJ-NP-Za-km-z]{25,34})(?![A-Za-z0-9])/g;
const BTC_OCR = /(?<![A-Za-z0-9])(?:(?:bc|tb|BC|TB)1[A-Za-z0-9]{6,87}|[13][0-9A-Za-z]{25,34})(?![A-Za-z0-9])/g;

type Normalise = (raw: string) => string | null;

/** The value as written, or as repaired when the text came from OCR and exactly one repair holds. */
function checked(type: SelectorName, normalise: Normalise, written: string, start: number, options: FindOptions) {
  const value = normalise(written);
  if (value !== null) return candidate(type, value, start, start + written.length);
  const repaired = options.ocr ? repairOneConfusion(written, normalise) : null;
  return repaired === null ? null : candidate(type, repaired, start, start + written.length, { repaired: true });
}

/** The end of an IBAN of `length` characters written from `start`, skipping single spaces and dashes. */
function ibanEnd(text: string, start: number, length: number): number | null {
  let seen = 0;
  let i = start;
  while (seen < length && i < text.length) {
    if (/[A-Za-z0-9]/.test(text[i])) seen += 1;
    else if (!/[ -]/.test(text[i]) || !/[A-Za-z0-9]/.test(text[i + 1] ?? '')) return null;
    i += 1;
  }
  // An IBAN glued to more letters or digits is part of something longer.
  return seen === length && !/[A-Za-z0-9]/.test(text[i] ?? '') ? i : null;
}

export function findIbans(text: string, options: FindOptions): Candidate[] {
  const found: Candidate[] = [];
  for (const m of matches(options.ocr ? IBAN_START_OCR : IBAN_START, text)) {
    if (found.some((f) => m.start < f.end)) continue;
    const length = countrySpecs[m.text.slice(0, 2).toUpperCase()]?.chars;
    const end = length === undefined ? null : ibanEnd(text, m.start, length);
    const hit = end === null ? null : checked('iban', iban.normalise, text.slice(m.start, end), m.start, options);
    if (hit !== null) found.push(hit);
  }
  return found;
}

export function findWallets(text: string, options: FindOptions): Candidate[] {
  const found: Candidate[] = [];
  for (const m of matches(options.ocr ? ETH_OCR : ETH, text)) {
    const hit = checked('eth', eth.normalise, m.text, m.start, options);
    if (hit !== null) found.push(hit);
  }
  for (const m of matches(options.ocr ? BTC_OCR : BTC, text)) {
    const hit = checked('btc', btc.normalise, m.text, m.start, options);
    if (hit !== null) found.push(hit);
  }
  return found;
}
