// Selectors in recognised text (OCR lines with word boxes), including values that wrap onto the next line
// (a link broken mid-token, an IBAN over two lines) and values with one misread character that a checksum
// repairs. Each occurrence carries the union of its words' boxes, in the image's pixels.
import { overlaps, type Candidate } from './candidate.ts';
import { toOccurrences } from './extract-text.ts';
import { findCandidates } from './find-all.ts';
import type { Box, OcrLine, OcrOccurrence } from './types.ts';

type Placed = { start: number; end: number; box: Box };
type PlacedLine = { start: number; end: number; words: Placed[] };
/** `text` joins lines with a space (values may run on), `shown` with a line break (surfaces as written). */
type OcrDocument = { text: string; shown: string; lines: PlacedLine[] };

const CHECKSUMMED = new Set(['iban', 'btc', 'eth']);
/** A continuation that can only be the rest of a token: a path, query, digits or mixed case. */
const CONTINUATION = /[/?=&%#~_\d]|[a-z][A-Z]/;

function placeLines(lines: readonly OcrLine[]): OcrDocument {
  const placed: PlacedLine[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const line of lines) {
    const words = line.words.map((w) => ({ text: w.text.trim(), box: w.box })).filter((w) => w.text !== '');
    if (words.length === 0) continue;
    const start = offset;
    const placedWords = words.map((w) => {
      const word = { start: offset, end: offset + w.text.length, box: w.box };
      offset = word.end + 1;
      return word;
    });
    parts.push(words.map((w) => w.text).join(' '));
    placed.push({ start, end: offset - 1, words: placedWords });
  }
  return { text: parts.join(' '), shown: parts.join('\n'), lines: placed };
}

function boxOf(doc: OcrDocument, start: number, end: number): Box {
  const boxes = doc.lines.flatMap((l) => l.words).filter((w) => overlaps(w, { start, end }));
  return {
    x0: Math.min(...boxes.map((b) => b.box.x0)),
    y0: Math.min(...boxes.map((b) => b.box.y0)),
    x1: Math.max(...boxes.map((b) => b.box.x1)),
    y1: Math.max(...boxes.map((b) => b.box.y1)),
  };
}

/**
 * Whether a value found by joining two lines without a space is the real one. Checksums prove themselves;
 * otherwise the join must make a value that neither side was on its own, or the next line must begin
 * with something that can only continue a token.
 */
function acceptJoin(joined: Candidate, found: readonly Candidate[], left: Placed, right: Placed, next: string) {
  if (CHECKSUMMED.has(joined.type)) return true;
  const alone = found.some((f) => f.type === joined.type && (overlaps(f, left) || overlaps(f, right)));
  return !alone || CONTINUATION.test(next);
}

/** Values that continue from the end of one line onto the start of the next, joined without a space. */
function wrappedValues(doc: OcrDocument, found: readonly Candidate[]): Candidate[] {
  const joined: Candidate[] = [];
  for (let i = 0; i + 1 < doc.lines.length; i += 1) {
    const [upper, lower] = [doc.lines[i], doc.lines[i + 1]];
    const local = doc.text.slice(upper.start, upper.end) + doc.text.slice(lower.start, lower.end);
    const junction = upper.end - upper.start;
    const toDoc = (at: number) => (at < junction ? upper.start + at : lower.start + at - junction);
    const [left, right] = [upper.words[upper.words.length - 1], lower.words[0]];
    const next = doc.text.slice(right.start, right.end);
    for (const c of findCandidates(local, { ocr: true })) {
      if (c.start >= junction || c.end <= junction) continue;
      if (found.some((f) => f.type === c.type && f.value === c.value)) continue;
      const placed = { ...c, start: toDoc(c.start), end: toDoc(c.end - 1) + 1 };
      if (acceptJoin(placed, found, left, right, next)) joined.push(placed);
    }
  }
  return joined;
}

/** Every selector occurrence in the OCR lines of one image, with its box. */
export function extractFromOcrLines(lines: readonly OcrLine[]): OcrOccurrence[] {
  const doc = placeLines(lines);
  const found = findCandidates(doc.text, { ocr: true });
  const joined = wrappedValues(doc, found);
  const kept = [...found.filter((f) => !joined.some((j) => overlaps(j, f))), ...joined];
  // Someone in a chat saying "mijn nummer is" is not the melder: only labels decide roles here.
  return toOccurrences(doc.text, kept, { firstPerson: false }, doc.shown).map((o) => ({
    ...o,
    box: boxOf(doc, o.start, o.end),
  }));
}
