// The dossier's PDF canvas: PDF/A-3b (pdfkit) with embedded DejaVu fonts, A4, a footer on every page, and a few
// layout helpers. Creation dates and the file id follow from the `as of` moment, so the bytes are reproducible.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;
type Font = keyof typeof FONTS;

const MARGIN = 40;
const FOOTER = 22;
const EXTRA_COLUMN = 80;

/** 12.345 in Dutch notation; fixed, so the text does not depend on the machine's locale. */
export const nlNumber = (n: number) => new Intl.NumberFormat('nl-NL').format(n);
/** A moment in UTC to the second, written out: never the machine's time zone. */
export const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export type PdfInfo = { title: string; subject: string; footer: string; asOf: Date };

/** The parts of pdfkit's document and embedded font that the direct text path uses. */
type RawFont = { id: string; ascender: number; encode: (text: string) => [string[], unknown]; ref: () => unknown };
type RawDoc = {
  _font: RawFont;
  page: { height: number; fonts: Record<string, unknown> };
  addContent: (data: string) => void;
};
const fixed = (n: number) => String(Math.round(n * 100) / 100);

export class DossierPdf {
  readonly doc: PDFKit.PDFDocument;
  pages = 0;
  private mono: RawFont | null = null;
  private readonly glyphs = new Map<string, string>();

  constructor(
    out: Writable,
    private readonly info: PdfInfo,
  ) {
    const at = new Date(Math.floor(info.asOf.getTime() / 1000) * 1000);
    this.doc = new PDFDocument({
      size: 'A4',
      pdfVersion: '1.7',
      subset: 'PDF/A-3b',
      tagged: true,
      lang: 'nl-NL',
      displayTitle: true,
      autoFirstPage: false,
      margin: MARGIN,
      font: path.join(FONT_DIR, FONTS.sans),
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: 'Spoor',
        Creator: 'Spoor',
        Producer: 'Spoor',
        CreationDate: at,
        ModDate: at,
      },
    } as PDFKit.PDFDocumentOptions);
    for (const [name, file] of Object.entries(FONTS)) this.doc.registerFont(name, path.join(FONT_DIR, file));
    this.doc.on('pageAdded', () => this.footer());
    this.doc.pipe(out);
  }

  private footer(): void {
    this.pages += 1;
    const { doc } = this;
    const [x, y] = [doc.x, doc.y];
    const bottom = doc.page.height - MARGIN + 6;
    doc.font('sans').fontSize(7).fillColor('#444444');
    doc.text(`${this.info.footer} — pagina ${this.pages}`, MARGIN, bottom, { lineBreak: false });
    doc.fillColor('black');
    [doc.x, doc.y] = [x, y];
  }

  newPage(layout: 'portrait' | 'landscape' = 'portrait'): void {
    this.doc.addPage({ size: 'A4', layout, margin: MARGIN });
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER;
  }

  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage(this.doc.page.layout as 'portrait' | 'landscape');
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 3);
    this.doc.moveDown(0.6).font('bold').fontSize(size).text(text, MARGIN, undefined, { width: this.width });
    this.doc.moveDown(0.3);
  }

  para(text: string, font: Font = 'sans', size = 9): void {
    this.ensure(size * 2);
    this.doc.font(font).fontSize(size).text(text, MARGIN, undefined, { width: this.width });
  }

  /** Label and value on one line, the value from a fixed column; `extra` in a narrow last column. */
  row(label: string, value: string, size = 9, extra?: string): void {
    this.ensure(size * 2);
    const y = this.doc.y;
    this.doc.font('sans').fontSize(size).text(label, MARGIN, y, { width: 200 });
    const labelEnd = this.doc.y;
    const valueWidth = this.width - 210 - (extra === undefined ? 0 : EXTRA_COLUMN + 10);
    this.doc.text(value, MARGIN + 210, y, { width: valueWidth });
    const valueEnd = this.doc.y;
    if (extra !== undefined) this.doc.text(extra, MARGIN + this.width - EXTRA_COLUMN, y, { width: EXTRA_COLUMN });
    this.doc.y = Math.max(labelEnd, valueEnd, this.doc.y);
  }

  /**
   * Lines of fixed-width text at the left margin, never wrapped (the caller splits long values). pdfkit's text()
   * shapes every string (~1 ms a line); the mono font needs no shaping, so each character's glyph is encoded once
   * through the font (which adds it to the embedded subset) and the lines are written as one text object.
   */
  monoLines(lines: readonly string[], size: number, lineHeight: number): void {
    const doc = this.doc as unknown as RawDoc;
    const font = this.monoFont();
    doc.page.fonts[font.id] ??= font.ref();
    const h = doc.page.height;
    const ops = [`q 1 0 0 -1 0 ${fixed(h)} cm BT /${font.id} ${fixed(size)} Tf`];
    for (const line of lines) {
      const baseline = h - this.doc.y - (font.ascender / 1000) * size;
      ops.push(`1 0 0 1 ${MARGIN} ${fixed(baseline)} Tm <${this.glyphHex(font, line)}> Tj`);
      this.doc.y += lineHeight;
    }
    ops.push('ET Q');
    doc.addContent(ops.join('\n'));
  }

  private glyphHex(font: RawFont, text: string): string {
    let hex = '';
    for (const ch of text) {
      let glyph = this.glyphs.get(ch);
      if (glyph === undefined) this.glyphs.set(ch, (glyph = font.encode(ch)[0].join('')));
      hex += glyph;
    }
    return hex;
  }

  private monoFont(): RawFont {
    if (!this.mono) {
      this.doc.font('mono');
      this.mono = (this.doc as unknown as RawDoc)._font;
    }
    return this.mono;
  }

  end(): void {
    this.doc.end();
  }
}
