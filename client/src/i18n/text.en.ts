// English strings of text in case media: the grid's text filter, the detail panel's recognised text and the OCR stage
// of the intake progress; nl in text.nl.ts.
import type { textNl } from './text.nl.ts';

export const textEn: Record<keyof typeof textNl, string> = {
  'text.filter': 'Text in image',
  'text.filter.placeholder': 'words on a sign, in a chat…',
  'text.section': 'Recognised text',
  'text.status.pending': 'Not read yet: text recognition comes after hashing.',
  'text.status.no-text': 'No text (pre-check): this image did not go to full text recognition.',
  'text.status.failed': 'Text recognition failed for this image.',
  'text.status.done.empty': 'Read, but no text was found.',
  'text.matches': '{n} word(s) boxed on the (blurred) image.',
  'text.overlayLabel': 'Words found on the image',
  'intake.stage.ocr': 'Recognise text',
  'intake.stage.ocrDetail': '{read} read, {noText} without text (pre-check), {failed} failed, {pending} to go',
};
