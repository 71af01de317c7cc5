// Streaming JSON skeleton scanner: walks the outer structure token by token and hands whole
// inner values (records) back as text, found by bracket depth with string/escape awareness.
// Records are then JSON.parse'd one at a time, which is far faster than a token-level parser.
import { HashSetFormatError } from './hash-entry.ts';
import { pathOf, type Frame, type ScanHandler } from './json-scan-handler.ts';

export { pathOf, type Decision, type Frame, type ScanHandler } from './json-scan-handler.ts';

/** Default nesting limit of one kept value: VICS records are a few levels deep; deeper is hostile or broken. */
export const MAX_VALUE_DEPTH = 32;

const enum S {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  InKey,
  Colon,
  After,
  Done,
  Capture,
  CapString,
  CapScalar,
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export class JsonScanner {
  private state = S.Value;
  private readonly stack: Frame[] = [];
  private offset = 0; // chars consumed before the current chunk, for error positions
  private parts: string[] = [];
  private partsLen = 0;
  private keep = false;
  private depth = 0;
  private inStr = false;
  private esc = false;
  private started = false;
  private valueStartInChunk = -1; // where the value or key being captured starts in the current chunk
  private tooDeep = false;

  constructor(
    private readonly handler: ScanHandler,
    private readonly maxValueChars = 64 * 1024 * 1024,
    private readonly maxValueDepth = MAX_VALUE_DEPTH,
  ) {}

  push(chunk: string): void {
    let s = chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // UTF-8 BOM written by some Windows exporters
    }
    const n = s.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case S.Capture:
          i = this.scanCapture(s, i);
          break;
        case S.CapString:
          i = this.scanString(s, i);
          break;
        case S.CapScalar:
          i = this.scanScalar(s, i);
          break;
        case S.InKey:
          i = this.scanKey(s, i);
          break;
        default:
          if (!WS.has(s.charCodeAt(i))) this.structural(s, i);
          i++; // the structural char (or the opening char of a value) is consumed here
      }
    }
    if (this.state >= S.Capture || this.state === S.InKey) this.saveTail(s);
    this.offset += n;
  }

  /** Call at end of input: anything but a closed root means the file is truncated. */
  end(): void {
    if (this.state === S.Done) return;
    if (!this.started) throw this.error('input is empty; expected a JSON object');
    if (this.state === S.CapScalar && this.stack.length === 0) return;
    throw this.error(`unexpected end of input inside ${this.where()} (file truncated?)`);
  }

  // ---- internals -------------------------------------------------------------------------

  private structural(s: string, i: number): void {
    const ch = s[i];
    const st = this.state;
    if (st === S.Value || st === S.ValueOrEnd) {
      if (ch === ']' && st === S.ValueOrEnd) return this.closeContainer(']', i);
      return this.beginValue(i, ch);
    }
    if (st === S.KeyOrEnd || st === S.Key) {
      if (ch === '"') {
        this.state = S.InKey;
        this.parts = [];
        this.partsLen = 0;
        this.valueStartInChunk = i + 1;
        this.esc = false;
        return;
      }
      if (ch === '}' && st === S.KeyOrEnd) return this.closeContainer('}', i);
      throw this.error(`expected a property name in ${this.where()}, found ${show(ch)}`, i);
    }
    if (st === S.Colon) {
      if (ch === ':') {
        this.state = S.Value;
        return;
      }
      throw this.error(`expected ':' after property "${this.top()?.key}", found ${show(ch)}`, i);
    }
    if (st === S.After) {
      const top = this.top()!;
      if (ch === ',') {
        if (top.kind === 'arr') {
          top.index++;
          this.state = S.Value;
        } else this.state = S.Key;
        return;
      }
      if (ch === '}' || ch === ']') return this.closeContainer(ch, i);
      throw this.error(`expected ',' or '${top.kind === 'obj' ? '}' : ']'}' in ${this.where()}, found ${show(ch)}`, i);
    }
    throw this.error(`unexpected ${show(ch)} after the end of the JSON document`, i);
  }

  private beginValue(i: number, ch: string): void {
    const isContainer = ch === '{' || ch === '[';
    if (this.stack.length > 0 && !isContainer && ch !== '"' && !/[-0-9tfn]/.test(ch)) {
      // root: the handler explains
      throw this.error(`expected a JSON value in ${this.where()}, found ${show(ch)}`, i);
    }
    const d = this.handler.decide(this.stack, ch);
    if (d.action === 'enter' && isContainer) {
      this.stack.push({ kind: ch === '{' ? 'obj' : 'arr', key: null, index: 0, role: d.role });
      this.state = ch === '{' ? S.KeyOrEnd : S.ValueOrEnd;
      return;
    }
    this.keep = d.action !== 'skip';
    this.parts = [];
    this.partsLen = 0;
    this.valueStartInChunk = i;
    this.inStr = false;
    this.esc = false;
    this.tooDeep = false;
    if (isContainer) {
      this.state = S.Capture;
      this.depth = 1;
    } else if (ch === '"') {
      this.state = S.CapString;
    } else {
      this.state = S.CapScalar;
    }
  }

  /** Container capture: the hot loop for records; jumps between quotes with indexOf. */
  private scanCapture(s: string, i: number): number {
    const n = s.length;
    let depth = this.depth,
      inStr = this.inStr,
      esc = this.esc;
    while (i < n) {
      if (inStr) {
        if (esc) {
          esc = false;
          i++;
          continue;
        }
        const q = s.indexOf('"', i);
        if (q < 0) {
          esc = oddBackslashesBefore(s, n, i);
          i = n;
          break;
        }
        inStr = oddBackslashesBefore(s, q, i);
        i = q + 1;
        continue;
      }
      const c = s.charCodeAt(i++);
      if (c === 0x22) inStr = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > this.maxValueDepth && this.keep) this.refuseDeep();
      } else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
        this.finishValue(s, i);
        break;
      }
    }
    this.depth = depth;
    this.inStr = inStr;
    this.esc = esc;
    return i;
  }

  private scanString(s: string, i: number): number {
    const end = this.findStringEnd(s, i);
    if (end < 0) return s.length;
    this.finishValue(s, end + 1);
    return end + 1;
  }

  private scanKey(s: string, i: number): number {
    const end = this.findStringEnd(s, i);
    if (end < 0) return s.length;
    const rawKey = this.joinTail(s, this.valueStartInChunk, end);
    this.top()!.key = rawKey.includes('\\') ? (JSON.parse(`"${rawKey}"`) as string) : rawKey;
    this.state = S.Colon;
    this.parts = [];
    this.partsLen = 0;
    this.valueStartInChunk = -1;
    return end + 1;
  }

  /** Index of the closing quote, or -1 with escape state saved for the next chunk. */
  private findStringEnd(s: string, i: number): number {
    const n = s.length;
    if (this.esc && i < n) {
      this.esc = false;
      i++;
    }
    while (i < n) {
      const q = s.indexOf('"', i);
      if (q < 0) {
        this.esc = oddBackslashesBefore(s, n, i);
        return -1;
      }
      if (!oddBackslashesBefore(s, q, i)) return q;
      i = q + 1;
    }
    return -1;
  }

  private scanScalar(s: string, i: number): number {
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x2c || c === 0x7d || c === 0x5d || WS.has(c)) {
        this.finishValue(s, i);
        return i;
      }
      i++;
    }
    return i;
  }

  private finishValue(s: string, endExclusive: number): void {
    const text = this.keep ? this.joinTail(s, this.valueStartInChunk, endExclusive) : '';
    this.parts = [];
    this.partsLen = 0;
    this.valueStartInChunk = -1;
    this.afterValue();
    if (this.keep) this.handler.value(this.stack, text);
    else if (this.tooDeep) this.handler.refused?.(this.stack, `nested deeper than ${this.maxValueDepth} levels`);
  }

  /** Stops keeping a value nested past the limit (its text is dropped); the rest of it is only counted. */
  private refuseDeep(): void {
    this.keep = false;
    this.tooDeep = true;
    this.parts = [];
    this.partsLen = 0;
  }

  private joinTail(s: string, start: number, end: number): string {
    const tail = s.slice(Math.max(start, 0), end);
    return this.parts.length === 0 ? tail : this.parts.join('') + tail;
  }

  private saveTail(s: string): void {
    if (this.state !== S.InKey && !this.keep) {
      this.valueStartInChunk = 0;
      return;
    }
    const piece = s.slice(Math.max(this.valueStartInChunk, 0));
    this.parts.push(piece);
    this.partsLen += piece.length;
    if (this.partsLen > this.maxValueChars) {
      throw this.error(
        `a single value in ${this.where()} exceeds ${this.maxValueChars} characters; not a record-sized value`,
      );
    }
    this.valueStartInChunk = 0;
  }

  private afterValue(): void {
    this.state = this.stack.length === 0 ? S.Done : S.After;
  }

  private closeContainer(ch: string, i: number): void {
    const top = this.top();
    if (!top || (ch === '}') !== (top.kind === 'obj')) throw this.error(`mismatched ${show(ch)} in ${this.where()}`, i);
    const frame = this.stack.pop()!;
    this.afterValue();
    this.handler.close(this.stack, frame);
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Human path of the current position, e.g. `value[3].Media[12]`. */
  where(): string {
    return pathOf(this.stack) || 'the top level';
  }

  private error(message: string, i?: number): HashSetFormatError {
    const at = i === undefined ? this.offset : this.offset + i;
    return new HashSetFormatError(
      `Not a valid VICS/JSON file: ${message} (near character ${at})`,
      'vics',
      this.where(),
    );
  }
}

/** True when the backslash run ending just before `end` (not crossing `floor`) has odd length. */
function oddBackslashesBefore(s: string, end: number, floor: number): boolean {
  let b = end - 1;
  while (b >= floor && s.charCodeAt(b) === 0x5c) b--;
  return ((end - 1 - b) & 1) === 1;
}

function show(ch: string): string {
  return JSON.stringify(ch);
}
