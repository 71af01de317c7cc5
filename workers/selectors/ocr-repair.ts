// Single-character OCR misreads (O↔0, l/I↔1, S↔5, B↔8, Z↔2), repaired only where a checksum proves it.

const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  O: ['0'],
  o: ['0'],
  '0': ['O', 'o'],
  l: ['1'],
  I: ['1'],
  i: ['1'],
  '1': ['l', 'I', 'L'],
  S: ['5'],
  s: ['5'],
  '5': ['S', 's'],
  B: ['8'],
  b: ['8'],
  '8': ['B', 'b'],
  Z: ['2'],
  z: ['2'],
  '2': ['Z', 'z'],
};

/**
 * The one canonical value that a single confusable character away from `written` yields, or null when
 * none or more than one does: an ambiguous repair is no repair.
 */
export function repairOneConfusion(written: string, normalise: (raw: string) => string | null): string | null {
  let repaired: string | null = null;
  for (let i = 0; i < written.length; i += 1) {
    for (const alternative of CONFUSIONS[written[i]] ?? []) {
      const value = normalise(written.slice(0, i) + alternative + written.slice(i + 1));
      if (value === null || value === repaired) continue;
      if (repaired !== null) return null;
      repaired = value;
    }
  }
  return repaired;
}
