import { describe, expect, it } from 'vitest';
import { extractFromOcrLines } from '../../../workers/selectors/extract-ocr.ts';
import type { OcrLine } from '../../../workers/selectors/types.ts';
import { fictionalIban, grouped } from './identifiers.ts';

const IBAN = fictionalIban('NL', 'ABCD0123456789');
const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const BECH32 = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';

/** OCR lines as workers/ocr returns them: words 8 px per character, 6 px apart, lines 20 px apart. */
function ocrLines(...texts: string[]): OcrLine[] {
  return texts.map((text, row) => {
    let x = 10;
    const words = text.split(' ').map((word) => {
      const box = { x0: x, y0: 10 + row * 20, x1: x + word.length * 8, y1: 24 + row * 20 };
      x = box.x1 + 6;
      return { text: word, confidence: 91, box };
    });
    return { text, words };
  });
}

function read(...texts: string[]) {
  return extractFromOcrLines(ocrLines(...texts)).map((o) => ({ type: o.type, value: o.value, repaired: o.repaired }));
}

describe('selectors in OCR lines', () => {
  it('finds values on a line with the union of their word boxes', () => {
    const lines = ocrLines('bel me op 06 123 456 78 ok');
    const [phone] = extractFromOcrLines(lines);
    const words = lines[0].words;
    expect(phone).toMatchObject({ type: 'phone', value: '+31612345678', surface: '06 123 456 78' });
    expect(phone.box).toEqual({ x0: words[3].box.x0, y0: 10, x1: words[6].box.x1, y1: 24 });
  });

  it('joins a link broken mid-token onto the next line and boxes both parts', () => {
    const lines = ocrLines('betaal: https://pay.example.com/t/AbC12', '3xyz groetjes');
    const [link, ...rest] = extractFromOcrLines(lines);
    expect(rest).toEqual([]);
    expect(link).toMatchObject({ type: 'url', value: 'pay.example.com/t/AbC123xyz', repaired: false });
    expect(link.surface).toBe('https://pay.example.com/t/AbC12\n3xyz');
    // From the continuation's left edge on the second line to the link's right edge on the first.
    expect(link.box).toEqual({ x0: lines[1].words[0].box.x0, y0: 10, x1: lines[0].words[1].box.x1, y1: 44 });
  });

  it('joins an IBAN in groups over two lines, and an e-mail address broken mid-domain', () => {
    const groups = grouped(IBAN).split(' ');
    expect(read(`naar ${groups.slice(0, 2).join(' ')}`, `${groups.slice(2).join(' ')} aub`)).toEqual([
      { type: 'iban', value: IBAN, repaired: false },
    ]);
    expect(read('mail j.verkoper@exam', 'ple.com')).toEqual([
      { type: 'email', value: 'j.verkoper@example.com', repaired: false },
    ]);
  });

  it('does not join a finished link to an ordinary word on the next line', () => {
    expect(read('zie example.com/pay', 'Groetjes')).toEqual([
      { type: 'url', value: 'example.com/pay', repaired: false },
    ]);
  });

  it('repairs exactly one OCR confusion where only then the checksum holds', () => {
    const misread = grouped(IBAN).replace(' 0123', ' O123');
    expect(read(`rekening ${misread}`)).toEqual([{ type: 'iban', value: IBAN, repaired: true }]);
    expect(read(ETH.replace('6053', '6O53'))).toEqual([{ type: 'eth', value: ETH.toLowerCase(), repaired: true }]);
    expect(read(BECH32.replace('w508', 'w5O8'))).toEqual([{ type: 'btc', value: BECH32, repaired: true }]);
    const [surfaced] = extractFromOcrLines(ocrLines(`rekening ${misread}`));
    expect(surfaced.surface).toBe(misread);
  });

  it('refuses a misread that no single repair explains', () => {
    const twice = grouped(IBAN).replace(' 0123', ' O1Z3');
    expect(read(`rekening ${twice}`)).toEqual([]);
    const wrongDigit = `${IBAN.slice(0, -1)}${IBAN.endsWith('9') ? '7' : '9'}`;
    expect(read(wrongDigit)).toEqual([]);
  });

  it('joins a wallet split over two lines by its checksum', () => {
    expect(read(`btc: ${BECH32.slice(0, 20)}`, BECH32.slice(20))).toEqual([
      { type: 'btc', value: BECH32, repaired: false },
    ]);
  });

  it('does not take a chat partner’s "mijn nummer" for the melder’s own', () => {
    const [phone] = extractFromOcrLines(ocrLines('mijn nummer is', '06-12345678'));
    expect(phone.role).toBe('unknown');
    const [labelled] = extractFromOcrLines(ocrLines('Telefoonnummer melder: 06-12345670'));
    expect(labelled.role).toBe('reporter');
  });

  it('skips lines without words', () => {
    expect(extractFromOcrLines([{ text: '', words: [] }, ...ocrLines('@darkfox_78')])).toMatchObject([
      { type: 'handle', value: 'darkfox_78', start: 0, end: 11 },
    ]);
  });
});
