// The reason of a signal, one sentence in Dutch and English. Shown to one unit's frontoffice, so it names only that
// unit's own melding and a selector value that melding carries itself, and of other units only counts and names:
// never a word of another unit's text.
import type { SelectorName } from '../signals/signal-type.ts';

export type ReasonCode = 'cross-unit' | 'three-or-more';
export type Link = { a: string; b: string; type: string; value: string };
export type Member = { id: string; number: string; unitId: number; unit: string };

const LABELS: Readonly<Record<SelectorName, { nl: string; en: string }>> = {
  phone: { nl: 'telefoonnummer', en: 'phone number' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  handle: { nl: 'gebruikersnaam', en: 'handle' },
  iban: { nl: 'IBAN', en: 'IBAN' },
  ip: { nl: 'IP-adres', en: 'IP address' },
  url: { nl: 'link', en: 'link' },
  btc: { nl: 'bitcoinadres', en: 'bitcoin address' },
  eth: { nl: 'ethereumadres', en: 'ether address' },
};
const TYPE_ORDER = Object.keys(LABELS);

export const selectorLabel = (type: string, lang: 'nl' | 'en') => LABELS[type as SelectorName]?.[lang] ?? type;

/** What one unit's sentence is about: its own melding, a selector it carries, and whom it shares it with. */
export type ReasonFacts = {
  code: ReasonCode;
  own: string;
  type: string;
  value: string;
  sharedWith: Array<{ unit: string; count: number }>;
  cluster: { reports: number; units: number };
};

function listOf(parts: string[], and: string): string {
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`;
}

const meldingen = (n: number) => (n === 1 ? `${n} melding` : `${n} meldingen`);

function tail(f: ReasonFacts, shared: number, lang: 'nl' | 'en'): string {
  const { reports, units } = f.cluster;
  if (f.code === 'three-or-more') {
    return lang === 'nl'
      ? `, waarmee het cluster ${reports} meldingen telt`
      : `, which brings the cluster to ${reports} meldingen`;
  }
  if (reports <= shared + 1) return '';
  const unitWord = lang === 'nl' ? (units === 1 ? 'eenheid' : 'eenheden') : units === 1 ? 'unit' : 'units';
  return lang === 'nl'
    ? `, in een cluster van ${reports} meldingen uit ${units} ${unitWord}`
    : `, in a cluster of ${reports} meldingen from ${units} ${unitWord}`;
}

/** "Melding 2026-0042 deelt telefoonnummer +31612345678 met 2 meldingen van eenheid Oost-Nederland." */
export function reasonSentence(f: ReasonFacts): { nl: string; en: string } {
  const shared = f.sharedWith.reduce((n, s) => n + s.count, 0);
  const say = (lang: 'nl' | 'en') => {
    const parts = f.sharedWith.map((s) =>
      lang === 'nl' ? `${meldingen(s.count)} van eenheid ${s.unit}` : `${meldingen(s.count)} of unit ${s.unit}`,
    );
    const verb = lang === 'nl' ? 'deelt' : 'shares';
    const withWord = lang === 'nl' ? 'met' : 'with';
    const list = listOf(parts, lang === 'nl' ? 'en' : 'and');
    const selector = `${selectorLabel(f.type, lang)} ${f.value}`;
    return `Melding ${f.own} ${verb} ${selector} ${withWord} ${list}${tail(f, shared, lang)}.`;
  };
  return { nl: say('nl'), en: say('en') };
}

type Choice = { own: Member; link: Link; partners: Member[]; score: number };

function typeRank(type: string): number {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
}

/** The candidates of one unit: each of its meldingen with each selector that links it, and the partners it gives. */
function choicesFor(unitId: number, links: readonly Link[], members: ReadonlyMap<string, Member>, code: ReasonCode) {
  const choices = new Map<string, Choice>();
  for (const link of links) {
    for (const [self, other] of [
      [link.a, link.b],
      [link.b, link.a],
    ] as const) {
      const own = members.get(self);
      const partner = members.get(other);
      if (!own || !partner || own.unitId !== unitId) continue;
      const key = `${self}\u0000${link.type}\u0000${link.value}`;
      const choice = choices.get(key) ?? { own, link, partners: [], score: 0 };
      choice.partners.push(partner);
      if (code === 'three-or-more' || partner.unitId !== unitId) choice.score += 1;
      choices.set(key, choice);
    }
  }
  return [...choices.values()];
}

/**
 * The facts for unit `unitId`'s sentence: the raising melding when it is this unit's, else the unit's melding with
 * the most partners in other units (three-or-more: partners anywhere); ties by selector type, then value.
 */
export function reasonFacts(
  code: ReasonCode,
  unitId: number,
  raisedBy: string,
  links: readonly Link[],
  members: readonly Member[],
): ReasonFacts | null {
  const byId = new Map(members.map((m) => [m.id, m]));
  const rank = (c: Choice) => [c.own.id === raisedBy ? 0 : 1, -c.score, -c.partners.length, typeRank(c.link.type)];
  const best = choicesFor(unitId, links, byId, code).sort((x, y) => {
    const [rx, ry] = [rank(x), rank(y)];
    for (let i = 0; i < rx.length; i++) if (rx[i] !== ry[i]) return rx[i]! - ry[i]!;
    return x.link.value < y.link.value ? -1 : x.link.value > y.link.value ? 1 : 0;
  })[0];
  if (!best) return null;
  const counts = new Map<string, number>();
  for (const p of best.partners) counts.set(p.unit, (counts.get(p.unit) ?? 0) + 1);
  const sharedWith = [...counts].map(([unit, count]) => ({ unit, count }));
  sharedWith.sort((x, y) => y.count - x.count || x.unit.localeCompare(y.unit));
  const units = new Set(members.map((m) => m.unitId)).size;
  const cluster = { reports: members.length, units };
  return { code, own: best.own.number, type: best.link.type, value: best.link.value, sharedWith, cluster };
}
