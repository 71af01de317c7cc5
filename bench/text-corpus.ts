// Generated OCR text for the text-search benchmark: Dutch and English street names, shop signs and chat lines with
// fictional handles and 06-12345xxx numbers, from a seeded generator (no real data). Planted words give the bench
// a known rare word (a few contents per case), a common one (about a third of the texts) and a two-word phrase.

export const RARE_WORD = 'Zilverreigerhof';
export const COMMON_WORD = 'hoi';
export const PHRASE = '"gratis parkeren"';

const STREET_STEMS = [
  'Kastanje',
  'Molen',
  'Kerk',
  'Beuken',
  'Linden',
  'Eiken',
  'Vondel',
  'Oranje',
  'Wilgen',
  'Esdoorn',
];
const STREET_KINDS = ['straat', 'laan', 'weg', 'steeg', 'plein', 'gracht', 'kade', 'singel'];
const SHOPS = ['Bakkerij', 'Slagerij', 'Snackbar', 'Kapsalon', 'Fietsenmaker', 'Drogisterij', 'Bloemist', 'Café'];
const SHOP_NAMES = ['De Zonnebloem', 'Het Anker', 'De Molen', 'Van Dijk', 'De Gouden Leeuw', 'Jansen', 'De Eik'];
const SIGNS = [
  'Gratis parkeren',
  'Gratis wifi',
  'Parkeren verboden',
  'Betaald parkeren',
  'Open 7 dagen per week',
  'Gesloten',
  'Uitverkoop',
  'Sale 50% off',
  'Opening hours Mon-Fri 9-17',
  'No parking',
  'Bus stop',
  'Pharmacy',
];
const CHAT_NL = [
  'hoi hoe gaat het',
  'waar ben je nu',
  'kom je morgen naar school',
  'stuur me een foto',
  'niet aan je ouders vertellen',
  'ik wacht bij het station',
  'haha ok',
  'hoi wat doe je',
];
const CHAT_EN = [
  'hey how are you',
  'send me a picture',
  'see you tomorrow',
  'where do you live',
  'lol ok',
  'delete this',
];
const HANDLE_A = ['zonnig', 'snelle', 'stille', 'blauwe', 'dark', 'happy', 'lucky', 'wilde'];
const HANDLE_B = ['vos', 'wolf', 'kat', 'tiger', 'panda', 'uil', 'haas', 'gamer'];

/** A seeded generator (Park–Miller), so two runs load the same corpus. */
export function seeded(seed: number) {
  let state = seed;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return { random, pick };
}

type Rng = ReturnType<typeof seeded>;

const phone = (r: Rng) => `06-12345${String(Math.floor(r.random() * 1000)).padStart(3, '0')}`;
const handle = (r: Rng) => `${r.pick(HANDLE_A)}_${r.pick(HANDLE_B)}${Math.floor(r.random() * 1000)}`;
const street = (r: Rng) => `${r.pick(STREET_STEMS)}${r.pick(STREET_KINDS)} ${1 + Math.floor(r.random() * 200)}`;

function chat(r: Rng): string[] {
  const who = handle(r);
  const lines = Array.from({ length: 2 + Math.floor(r.random() * 5) }, () =>
    r.random() < 0.6 ? `${who}: ${r.pick(CHAT_NL)}` : `${who}: ${r.pick(CHAT_EN)}`,
  );
  if (r.random() < 0.4) lines.push(`${who}: bel me op ${phone(r)}`);
  if (r.random() < 0.45) lines.unshift(`${who}: hoi`);
  return lines;
}

function sign(r: Rng): string[] {
  const lines = [`${r.pick(SHOPS)} ${r.pick(SHOP_NAMES)}`, street(r)];
  if (r.random() < 0.5) lines.push(r.pick(SIGNS));
  if (r.random() < 0.3) lines.push(`Tel. ${phone(r)}`);
  return lines;
}

/** One content's recognised text: a chat screenshot, a shop sign, or a street sign; `rare` plants the rare word. */
export function ocrText(r: Rng, rare: boolean): string {
  const kind = r.random();
  const lines = kind < 0.45 ? chat(r) : kind < 0.85 ? sign(r) : [street(r), r.pick(SIGNS)];
  if (rare) lines.push(`${RARE_WORD} ${1 + Math.floor(r.random() * 40)}`);
  return lines.join('\n');
}

/** The tesseract-shaped reading of a text: lines of words (boxes made up, row by row). */
export function ocrLines(text: string) {
  return text.split('\n').map((line, row) => ({
    text: line,
    words: line.split(' ').map((word, col) => ({
      text: word,
      confidence: 90,
      box: { x0: col * 80, y0: row * 30, x1: col * 80 + 70, y1: row * 30 + 24 },
    })),
  }));
}
