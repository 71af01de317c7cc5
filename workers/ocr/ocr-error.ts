// Why an image could not be read. The job layer records `reason` and `messages` on the attachment's row and moves on.
import { ImageDecodeError, type ImageDecodeReason } from '../imaging/analyse-image.ts';

export type OcrFailure = ImageDecodeReason | 'engine' | 'closed';

const MESSAGES: Record<OcrFailure, { nl: string; en: string }> = {
  empty: {
    nl: 'Het bestand is leeg (0 bytes). Upload het originele bestand opnieuw.',
    en: 'The file is empty (0 bytes). Upload the original file again.',
  },
  'not-found': {
    nl: 'Het bestand is niet gevonden. Upload het opnieuw.',
    en: 'The file was not found. Upload it again.',
  },
  'unsupported-format': {
    nl: 'Dit is geen afbeelding die Spoor kan lezen (JPEG, PNG, WebP, GIF, TIFF, HEIF). Lever een schermafdruk of foto aan.',
    en: 'This is not an image Spoor can read (JPEG, PNG, WebP, GIF, TIFF, HEIF). Supply a screenshot or photo.',
  },
  'pixel-limit': {
    nl: 'De afbeelding is te groot om tekst uit te lezen. Lever een kleinere uitsnede aan.',
    en: 'The image is too large to read text from. Supply a smaller crop.',
  },
  truncated: {
    nl: 'De afbeelding is afgekapt (onvolledig). Vraag het originele bestand op.',
    en: 'The image is truncated (incomplete). Ask for the original file.',
  },
  corrupt: {
    nl: 'De afbeelding is beschadigd en kan niet worden gelezen. Vraag het originele bestand op.',
    en: 'The image is damaged and cannot be read. Ask for the original file.',
  },
  engine: {
    nl: 'De tekstherkenning is mislukt. Probeer het later opnieuw; blijft het mislukken, waarschuw dan de beheerder.',
    en: 'Text recognition failed. Try again later; if it keeps failing, tell the administrator.',
  },
  closed: {
    nl: 'De tekstherkenning is gestopt (de server sluit af). Het werk wordt na de herstart opnieuw gedaan.',
    en: 'Text recognition has stopped (the server is shutting down). The work is redone after the restart.',
  },
};

/** A typed OCR failure: `reason` for code, `messages` (Dutch and English) for people, `detail` for the log. */
export class OcrError extends Error {
  override readonly name = 'OcrError';
  readonly messages: { nl: string; en: string };
  constructor(
    readonly reason: OcrFailure,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${MESSAGES[reason].en} (${detail})`, options);
    this.messages = MESSAGES[reason];
  }
}

/** Decoder failures keep their reason; anything else from the engine becomes `engine`. */
export function toOcrError(err: unknown): OcrError {
  if (err instanceof OcrError) return err;
  if (err instanceof ImageDecodeError) return new OcrError(err.reason, err.message, { cause: err });
  const detail = err instanceof Error ? err.message : String(err);
  return new OcrError('engine', detail, { cause: err });
}
