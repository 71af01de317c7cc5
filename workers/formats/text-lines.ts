// Chunk-to-line splitting shared by the plain-list reader; bounded so a binary file cannot balloon memory.
import { StringDecoder } from 'node:string_decoder';

export type LineSink = (line: string, lineNo: number, tooLong: boolean) => void;

/** Splits decoded text into lines (LF or CRLF); lines over `maxChars` are reported truncated, not buffered. */
export class LineSplitter {
  private partial = '';
  private overflow = false;
  private lineNo = 0;
  private first = true;

  constructor(
    private readonly sink: LineSink,
    private readonly maxChars = 64 * 1024,
  ) {}

  push(text: string): void {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
    this.append(text.slice(start));
  }

  end(): void {
    if (this.partial !== '' || this.overflow) this.emit('');
  }

  private append(piece: string): void {
    if (this.overflow) return;
    this.partial += piece;
    if (this.partial.length > this.maxChars) {
      this.overflow = true;
      this.partial = this.partial.slice(0, 80);
    }
  }

  private emit(tail: string): void {
    this.lineNo++;
    const tooLong = this.overflow || this.partial.length + tail.length > this.maxChars;
    let line = this.partial === '' ? tail : this.partial + (this.overflow ? '' : tail);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.partial = '';
    this.overflow = false;
    this.sink(tooLong ? line.slice(0, 80) : line, this.lineNo, tooLong);
  }
}

/** Decodes bytes or strings to text chunks, keeping multi-byte UTF-8 sequences intact across chunks. */
export async function* decodeChunks(input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
