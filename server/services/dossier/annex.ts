// The chosen thumbnails of a dossier's annex: the safe rendition (greyscale, blurred) of each, as PNG for the PDF,
// in the order chosen. Contents outside the case or without a thumbnail were refused when the job was requested.
import sharp from 'sharp';
import type { Pool } from '../../../storage/db.ts';
import { ObjectNotFound, type ObjectStore } from '../../../storage/object-store/index.ts';
import { dossierDataRepo } from '../../../storage/repositories/dossier-data.repository.ts';
import { renderSafeThumbnail } from '../../../workers/imaging/safe-thumbnail.ts';
import { safeThumbnailKey, thumbnailKey } from '../../../workers/ingest/content-store.ts';
import type { AnnexImage } from '../../../workers/dossier/pdf/pdf-annex.ts';
import { BadInput } from '../../errors.ts';

async function bytesOf(store: ObjectStore, key: string): Promise<Buffer | null> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof ObjectNotFound) return null;
    throw error;
  }
}

/** The shas that may go into the annex (in the case, with a thumbnail); anything else is refused up front. */
export async function checkAnnex(pool: Pool, caseId: string, shas: readonly string[]): Promise<string[]> {
  const unique = [...new Set(shas)];
  const found = new Set((await dossierDataRepo(pool).annexCandidates(caseId, unique)).map((r) => r.sha256));
  const missing = unique.filter((s) => !found.has(s));
  if (missing.length > 0) {
    throw new BadInput({
      nl: `Niet in deze zaak of zonder miniatuur: ${missing.join(', ')}. Kies alleen beelden uit de zaak.`,
      en: `Not in this case or without a thumbnail: ${missing.join(', ')}. Choose only images of the case.`,
    });
  }
  return unique;
}

export async function annexImages(pool: Pool, store: ObjectStore, caseId: string, shas: string[]) {
  if (shas.length === 0) return [];
  const files = new Map((await dossierDataRepo(pool).annexCandidates(caseId, shas)).map((r) => [r.sha256, r.files]));
  const images: AnnexImage[] = [];
  for (const sha256 of shas) {
    const safe =
      (await bytesOf(store, safeThumbnailKey(sha256))) ??
      (await bytesOf(store, thumbnailKey(sha256)).then((t) => (t ? renderSafeThumbnail(t) : null)));
    if (!safe || !files.has(sha256)) continue;
    images.push({ sha256, files: files.get(sha256)!, png: await sharp(safe).png().toBuffer() });
  }
  return images;
}
