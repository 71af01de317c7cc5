import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../../workers/selectors/extract-text.ts';
import type { TextOccurrence } from '../../../workers/selectors/types.ts';
import { fictionalIban, grouped } from './identifiers.ts';

const IBAN = fictionalIban('NL', 'ABCD0123456789');

function found(text: string): Pick<TextOccurrence, 'type' | 'value' | 'surface'>[] {
  return extractFromText(text).map(({ type, value, surface }) => ({ type, value, surface }));
}

function values(text: string): string[] {
  return extractFromText(text).map((o) => `${o.type}:${o.value}`);
}

describe('extracting selectors from a melding text', () => {
  it('gives type, canonical value, the surface as written and its offsets', () => {
    const text = 'Hij appte vanaf +31 (0)6-12345678 en mailde J.Verkoper@Example.COM.';
    const occurrences = extractFromText(text);
    expect(occurrences.map((o) => [o.type, o.value, o.surface])).toEqual([
      ['phone', '+31612345678', '+31 (0)6-12345678'],
      ['email', 'j.verkoper@example.com', 'J.Verkoper@Example.COM'],
    ]);
    for (const o of occurrences) expect(text.slice(o.start, o.end)).toBe(o.surface);
  });

  it('finds phone numbers written with spaces, dashes and brackets', () => {
    const text = 'Nummers: 06-12345678, 06 123 456 78, (06) 12345678, 0031612345678, 6 12 34 56 78 en 06-12345679.';
    expect(values(text)).toEqual([
      'phone:+31612345678',
      'phone:+31612345678',
      'phone:+31612345678',
      'phone:+31612345678',
      'phone:+31612345678',
      'phone:+31612345679',
    ]);
  });

  it('does not take dates, times, amounts, order numbers or postcodes for phone numbers', () => {
    const text =
      'Op 12-03-2026 om 14:32 betaalde ze € 250,00 (ook wel 250 euro). Bestelnummer 0612345670, ' +
      'factuurnr. 0201234567, postcode 1234 AB, kenmerk 2026-0042, bedrag EUR 0612345678. ' +
      'Data: 31-12-2025, 06-03-2026, 6-12-2025, 2026-03-06, tussen 14:00-16:00 uur, BSN 123456782.';
    expect(values(text)).toEqual([]);
  });

  it('finds service numbers and short numbers only where they are called', () => {
    expect(values('Ik heb 0900-8844 en 088-786 73 72 gebeld, daarna bel 112.')).toEqual([
      'phone:+319008844',
      'phone:+31887867372',
      'phone:112',
    ]);
    expect(values('Er stonden 112 berichten in de chat en 144 foto’s.')).toEqual([]);
  });

  it('finds IBANs in groups of four and refuses one that fails mod-97', () => {
    const broken = `${IBAN.slice(0, -1)}${IBAN.endsWith('9') ? '8' : '9'}`;
    const text = `Betalen op ${grouped(IBAN)} of op ${grouped(broken)}, of ${IBAN.toLowerCase()}.`;
    expect(found(text)).toEqual([
      { type: 'iban', value: IBAN, surface: grouped(IBAN) },
      { type: 'iban', value: IBAN, surface: IBAN.toLowerCase() },
    ]);
  });

  it('does not cut an IBAN out of a longer token', () => {
    expect(values(`ref ${IBAN}77 en ${IBAN}X`)).toEqual([]);
  });

  it('finds links with and without a scheme, and leaves sentence punctuation out', () => {
    const text =
      'Tikkie: https://tikkie.me/pay/AbC123xyz. Of (zie www.Example.com/Pay?id=7), of pay.example.nl/t/Q9. ' +
      'Bijlage: bijlage.zip, foto.jpg. Toen ging ik naar huis.Nu niet meer.';
    expect(found(text)).toEqual([
      { type: 'url', value: 'tikkie.me/pay/AbC123xyz', surface: 'https://tikkie.me/pay/AbC123xyz' },
      { type: 'url', value: 'example.com/Pay?id=7', surface: 'www.Example.com/Pay?id=7' },
      { type: 'url', value: 'pay.example.nl/t/Q9', surface: 'pay.example.nl/t/Q9' },
    ]);
  });

  it('keeps two payment links with different tokens as different selectors', () => {
    expect(values('https://tikkie.me/pay/AbC123xyz en https://tikkie.me/pay/AbC123xyZ')).toEqual([
      'url:tikkie.me/pay/AbC123xyz',
      'url:tikkie.me/pay/AbC123xyZ',
    ]);
  });

  it('reads e-mail addresses and does not read their parts as links or handles', () => {
    expect(found('mail naar j.verkoper@example.com of J.Verkoper@example.nl')).toEqual([
      { type: 'email', value: 'j.verkoper@example.com', surface: 'j.verkoper@example.com' },
      { type: 'email', value: 'j.verkoper@example.nl', surface: 'J.Verkoper@example.nl' },
    ]);
  });
});
