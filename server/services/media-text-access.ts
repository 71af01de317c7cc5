// Text read from a case's media (OCR text, word boxes, selectors read from it) is media content: like the images
// themselves it is not shown to prosecutors, who work from the dossier (media-view.service.ts, video.service.ts).
import { Forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';

/** Call after the case is opened, so an outsider still gets 404 rather than learning the case exists. */
export function noMediaTextForProsecutors(actor: Actor): void {
  if (actor.role !== 'prosecutor') return;
  throw new Forbidden({
    nl: 'Officieren van justitie werken vanuit het dossier; tekst uit beeldmateriaal wordt aan deze rol niet getoond.',
    en: 'Prosecutors work from the dossier export; text read from media is not shown to this role.',
  });
}
