// Merging the readings of several passes: one reading per region, the more confident one, never a line twice.
import { describe, expect, it } from 'vitest';

import { dropDuplicateLines, mergePasses, type OcrLine } from '../../../workers/ocr/lines.ts';

function line(text: string, confidence: number, x0: number, y0: number, x1: number, y1: number): OcrLine {
  const box = { x0, y0, x1, y1 };
  return { text, confidence, box, words: [{ text, confidence, box }] };
}

describe('mergePasses', () => {
  it('keeps the more confident reading of a region and adds regions only one pass read', () => {
    const normal = [line('Hoi! Bel me even op', 95, 10, 50, 150, 62), line('pay.exarnple.com', 40, 10, 100, 200, 112)];
    const inverted = [line('pay.example.com', 80, 12, 101, 198, 113), line('Onbekend', 90, 16, 10, 90, 30)];
    const merged = mergePasses([normal, inverted]);
    expect(merged.map((l) => l.text)).toEqual(['Onbekend', 'Hoi! Bel me even op', 'pay.example.com']);
  });

  it('prefers the first pass on a tie and never returns two readings of one line', () => {
    const a = [line('06-12345678', 90, 10, 10, 110, 22)];
    const b = [line('06-I2345678', 90, 11, 11, 111, 23)];
    expect(mergePasses([a, b]).map((l) => l.text)).toEqual(['06-12345678']);
  });

  it('weighs a region by characters, so a line split in two does not win on its easy half', () => {
    const split = [line('rkfox_7', 36, 60, 141, 110, 150), line('zoek @da 78 op insta', 85, 10, 139, 200, 154)];
    const whole = [line('zoek @darkfox_78 op insta', 77, 10, 141, 200, 152)];
    expect(mergePasses([split, whole]).map((l) => l.text)).toEqual(['zoek @darkfox_78 op insta']);
  });

  it('keeps lines of one pass that share a row but not a place, in reading order', () => {
    const row = [line('21:04', 95, 200, 70, 240, 80), line('06-12345678', 90, 10, 68, 120, 80)];
    expect(mergePasses([row]).map((l) => l.text)).toEqual(['06-12345678', '21:04']);
  });
});

describe('dropDuplicateLines', () => {
  it('drops the less confident of two lines tesseract returned for one place', () => {
    const lines = [
      line('k @darkfox_78 op insta', 93, 30, 186, 200, 205),
      line('zoek @darkfox_78 op ins', 87, 10, 189, 200, 211),
    ];
    expect(dropDuplicateLines(lines).map((l) => l.text)).toEqual(['k @darkfox_78 op insta']);
  });
});
