import { readFileSync } from 'node:fs';

export interface Pgm {
  width: number;
  height: number;
  maxval: number;
  /** One byte per pixel, row-major. */
  pixels: Uint8Array;
}

/**
 * Minimal binary PGM (P5, maxval ≤ 255) reader for test vectors. Header tokens
 * are whitespace-separated and may be interleaved with '#' comments; exactly one
 * whitespace byte separates the maxval from the raster.
 */
function parsePgm(data: Uint8Array): Pgm {
  let pos = 0;
  const nextToken = (): string => {
    for (;;) {
      while (pos < data.length && isSpace(data[pos])) pos++;
      if (data[pos] !== 0x23) break; // '#': skip comment to end of line
      while (pos < data.length && data[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < data.length && !isSpace(data[pos])) pos++;
    return String.fromCharCode(...data.subarray(start, pos));
  };
  const magic = nextToken();
  if (magic !== 'P5') throw new Error(`not a binary PGM (magic ${JSON.stringify(magic)})`);
  const width = Number(nextToken());
  const height = Number(nextToken());
  const maxval = Number(nextToken());
  if (!(width > 0 && height > 0 && maxval > 0 && maxval < 256)) throw new Error('unsupported PGM header');
  pos++; // single whitespace after maxval
  const pixels = data.subarray(pos, pos + width * height);
  if (pixels.length !== width * height) throw new Error('PGM raster truncated');
  return { width, height, maxval, pixels };
}

export function readPgm(file: string): Pgm {
  return parsePgm(readFileSync(file));
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}
