// The seam between extraction (workers/selectors, workers/ocr) and storage: selector occurrences as rows, and what
// the extraction job needs of OCR (workers/handlers/ocr-reader.ts makes it from workers/ocr).
import type { NewOccurrence } from '../../storage/repositories/selector-occurrences.repository.ts';
import { extractFromOcrLines } from '../selectors/extract-ocr.ts';
import { extractFromText } from '../selectors/extract-text.ts';
import type { OcrLine, TextOccurrence } from '../selectors/types.ts';

type Found = Omit<NewOccurrence, 'source' | 'attachment_id'>;

type OcrReading = {
  text: string;
  lines: OcrLine[];
  width: number | null;
  height: number | null;
  engineVersion: string;
};

export type ExtractionOcr = {
  /** Cached readings of another engine version are read again. */
  engineVersion: string;
  readImage(bytes: Buffer): Promise<OcrReading>;
  /** True for a problem of the image itself (damaged, too large, no image): recorded, not retried. */
  isInputError(error: unknown): boolean;
};

const row = (o: TextOccurrence, box: Found['box'], offsets: boolean): Found => ({
  type: o.type,
  value: o.value,
  surface: o.surface,
  start_offset: offsets ? o.start : null,
  end_offset: offsets ? o.end : null,
  box,
  role: o.role,
  platform: o.platform,
  seen_at: o.seenAt,
  repaired: o.repaired,
});

export const occurrencesInText = (text: string): Found[] => extractFromText(text).map((o) => row(o, null, true));

/** On an image the box says where; offsets into the recognised text would only mislead. */
export const occurrencesInOcrLines = (lines: OcrLine[]): Found[] =>
  extractFromOcrLines(lines).map((o) => row(o, o.box, false));
