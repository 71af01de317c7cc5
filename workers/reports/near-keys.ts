// The keys "lijkt op" hints are looked up by, mirroring selector_near_head/tail in 011_reports.sql: one slip
// (a character substituted, inserted, deleted or two swapped) leaves a value's first half or its rest after the
// middle intact, so asking both indexed halves for a few lengths around the value's own finds every candidate.
// The halves are taken of the part where people differ: a phone number or IBAN after its first four characters
// (+316…, NL91…: a common start would make every value a candidate), an e-mail's local part, a link's path.

/** The part of a value the halves are taken of, as characters (PostgreSQL counts characters, not UTF-16 units). */
function nearKey(type: string, value: string): string[] {
  const chars = [...value];
  if (type === 'phone' || type === 'iban') return chars.slice(4);
  if (type === 'email') return [...value.split('@')[0]!];
  const slash = chars.indexOf('/');
  return type === 'url' && slash >= 0 ? chars.slice(slash + 1) : chars;
}

const headOf = (k: string[], length: number) => k.slice(0, Math.floor(length / 2)).join('');
const tailLength = (length: number) => length - Math.floor(length / 2) - 1;

export const nearHead = (type: string, value: string) => {
  const k = nearKey(type, value);
  return headOf(k, k.length);
};

export const nearTail = (type: string, value: string) => {
  const k = nearKey(type, value);
  const t = tailLength(k.length);
  return t > 0 ? k.slice(k.length - t).join('') : '';
};

/** The heads and tails a candidate of `spread` more or fewer characters would share with `value` after one slip. */
export function nearHalves(type: string, value: string, spread = 3): { heads: string[]; tails: string[] } {
  const k = nearKey(type, value);
  const heads = new Set<string>();
  const tails = new Set<string>();
  for (let length = Math.max(1, k.length - spread); length <= k.length + spread; length++) {
    if (Math.floor(length / 2) <= k.length) heads.add(headOf(k, length));
    const t = tailLength(length);
    if (t > 0 && t <= k.length) tails.add(k.slice(k.length - t).join(''));
  }
  heads.delete('');
  return { heads: [...heads], tails: [...tails] };
}
