// What ingest stores of a picture's EXIF: the clues, the nearest place of its GPS position (offline gazetteer), and
// the reason when the block is damaged. Never throws: a clue that cannot be read is left out, the image goes on.
import { gazetteer } from '../places/gazetteer.ts';
import { readExif } from './exif.ts';

export type StoredExif = { exif: Record<string, unknown> | null; exifError: string | null };

export async function exifClues(buffer: Buffer): Promise<StoredExif> {
  const { exif, error } = await readExif(buffer);
  if (!exif) return { exif: null, exifError: error };
  if (exif.latitude === undefined || exif.longitude === undefined) return { exif, exifError: error };
  const place = await gazetteer().then(
    (g) => g.nearest(exif.latitude!, exif.longitude!),
    () => null, // the gazetteer is a convenience: the places view fills a missing name in later
  );
  return { exif: place ? { ...exif, place } : exif, exifError: error };
}
