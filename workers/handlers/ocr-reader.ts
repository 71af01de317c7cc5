// The OCR the extraction job uses: workers/ocr's reader (its tesseract workers start on first use), its engine
// version for the cache, and which failures belong to the image (recorded) rather than to the moment (retried).
import path from 'node:path';
import { OcrError } from '../ocr/ocr-error.ts';
import { createOcrReader, OCR_ENGINE_VERSION } from '../ocr/read-image.ts';
import type { ExtractionOcr } from './report-selectors.ts';

export function lazyOcrReader(o: { workers: number; dataDir: string }): ExtractionOcr & { close(): Promise<void> } {
  const reader = createOcrReader({ workers: o.workers, tessdataDir: path.join(o.dataDir, 'tessdata') });
  return {
    engineVersion: OCR_ENGINE_VERSION,
    readImage: (bytes) => reader.readImage(bytes),
    // A stop mid-read is redone after the restart; every other failure is this image's, and retrying cannot help.
    isInputError: (error) => error instanceof OcrError && error.reason !== 'closed',
    close: () => reader.close(),
  };
}
