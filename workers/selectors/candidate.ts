// A value found in text before roles and times are attached, and the helpers every finder shares.
import type { Platform } from '../signals/platforms.ts';
import type { SelectorName } from '../signals/signal-type.ts';

export type Candidate = {
  type: SelectorName;
  value: string;
  start: number;
  end: number;
  platform: Platform | null;
  repaired: boolean;
};

/** `ocr`: the text was recognised from an image, so single-character misreads may be repaired by checksum. */
export type FindOptions = { ocr: boolean };

export function candidate(
  type: SelectorName,
  value: string,
  start: number,
  end: number,
  extra: Partial<Pick<Candidate, 'platform' | 'repaired'>> = {},
): Candidate {
  return { type, value, start, end, platform: extra.platform ?? null, repaired: extra.repaired ?? false };
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Every match of a global pattern with its start and end offsets. */
export function* matches(pattern: RegExp, text: string): Generator<{ text: string; start: number; end: number }> {
  for (const m of text.matchAll(pattern)) yield { text: m[0], start: m.index, end: m.index + m[0].length };
}
