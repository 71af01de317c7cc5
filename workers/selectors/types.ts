// The shapes selector extraction hands to storage: one occurrence per value found, where and as what.
import type { Platform } from '../signals/platforms.ts';
import type { SelectorName } from '../signals/signal-type.ts';

/**
 * Whose identifier it is, as far as the text says:
 * - `victim`: the victim's own (the child's number, "telefoonnummer slachtoffer: …");
 * - `reporter`: the melder's own, including the writer's first person ("mijn nummer is …", "e-mail ouder: …");
 * - `offender`: the text ties it to the offender ("de dader", "afzender", "gebeld door …", "from …");
 * - `unknown`: nothing says whose it is.
 * `victim` and `reporter` never link; `offender` and `unknown` do.
 */
export type SelectorRole = 'offender' | 'unknown' | 'victim' | 'reporter';

export type TextOccurrence = {
  type: SelectorName;
  /** The canonical value (the signal type's normal form): what links compare. */
  value: string;
  /** Exactly as written in the text: `text.slice(start, end)`. */
  surface: string;
  /** Offsets in UTF-16 code units, [start, end). */
  start: number;
  end: number;
  role: SelectorRole;
  /** The platform a handle belongs to, when the text names one. */
  platform: Platform | null;
  /** For an IP address: the time (and date) the text says it was seen, e.g. "2026-03-12 14:32". */
  seenAt: string | null;
  /** True when one OCR misreading was corrected because only then did the checksum hold. */
  repaired: boolean;
};

export type Box = { x0: number; y0: number; x1: number; y1: number };
type OcrWord = { text: string; confidence: number; box: Box };
/** One recognised line, as workers/ocr returns it; the words carry the boxes. */
export type OcrLine = { text: string; words: OcrWord[] };

/** An occurrence in an image: offsets refer to the OCR lines joined by one space; `box` is in image pixels. */
export type OcrOccurrence = TextOccurrence & { box: Box };
