// The annex of thumbnails an analyst chose explicitly (the choice is audited and the cover says so): the safe
// rendition only (greyscale and blurred), one per row with its SHA-256. Without a choice the dossier has no image.
import { nlNumber as n, type DossierPdf } from './pdf-doc.ts';

export type AnnexImage = { sha256: string; png: Buffer; files: number };

const SIZE = 120;

export function writeAnnex(pdf: DossierPdf, images: readonly AnnexImage[]): void {
  if (images.length === 0) return;
  pdf.newPage();
  pdf.heading('Bijlage: door de analist gekozen miniaturen (vervaagd en grijs)');
  pdf.para(`${n(images.length)} miniaturen, op verzoek van de analist toegevoegd; dat verzoek staat in het auditlog.`);
  for (const image of images) {
    pdf.ensure(SIZE + 20);
    const y = pdf.doc.y + 6;
    pdf.doc.image(image.png, 40, y, { fit: [SIZE, SIZE] });
    pdf.doc
      .font('mono')
      .fontSize(7)
      .text(`SHA-256 ${image.sha256}`, 40 + SIZE + 12, y, { lineBreak: false });
    pdf.doc
      .font('sans')
      .fontSize(8)
      .text(`${n(image.files)} bestanden in de zaak`, 40 + SIZE + 12, y + 12);
    pdf.doc.y = y + SIZE + 8;
  }
}
