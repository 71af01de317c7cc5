// Dutch strings of text in case media: the grid's text filter, the detail panel's recognised text and the OCR stage
// of the intake progress; en in text.en.ts.
export const textNl = {
  'text.filter': 'Tekst in beeld',
  'text.filter.placeholder': 'woorden op een bord, in een chat…',
  'text.section': 'Herkende tekst',
  'text.status.pending': 'Nog niet gelezen: de tekstherkenning komt na het hashen.',
  'text.status.no-text': 'Geen tekst (voorselectie): deze afbeelding ging niet naar de volledige tekstherkenning.',
  'text.status.failed': 'Tekstherkenning mislukt voor deze afbeelding.',
  'text.status.done.empty': 'Gelezen, maar er is geen tekst gevonden.',
  'text.matches': '{n} woord(en) omkaderd op de (vervaagde) afbeelding.',
  'text.overlayLabel': 'Gevonden woorden op de afbeelding',
  'intake.stage.ocr': 'Tekst herkennen',
  'intake.stage.ocrDetail': '{read} gelezen, {noText} zonder tekst (voorselectie), {failed} mislukt, {pending} te gaan',
};
