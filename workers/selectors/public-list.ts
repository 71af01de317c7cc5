// Public selectors never link: helplines and police numbers, and the platforms' own bare domains. Forty
// meldingen that mention 0900-8844 or instagram.com have nothing in common. Seed data for public_selectors.
import type { SelectorName } from '../signals/signal-type.ts';
import { isBareHost, urlHost } from '../signals/url.ts';
import { registrableDomain } from '../signals/hosts.ts';

export type PublicSelector = { type: SelectorName; value: string; note: string };

const phone = (value: string, note: string): PublicSelector => ({ type: 'phone', value, note });
const domain = (value: string, note: string): PublicSelector => ({ type: 'url', value, note });

const PUBLIC_NUMBERS: readonly PublicSelector[] = [
  phone('112', 'Alarmnummer 112'),
  phone('+319008844', 'Politie, geen spoed (0900-8844)'),
  phone('+31886628844', 'Politie, uitwijknummer (088-662 88 44)'),
  phone('+31343578844', 'Politie vanuit het buitenland (+31 343 578 844)'),
  phone('144', 'Dierenpolitie (144)'),
  phone('+31887867372', 'Fraudehelpdesk (088-786 73 72)'),
  phone('+319000101', 'Slachtofferhulp Nederland (0900-0101)'),
  phone('+31202615275', 'Helpwanted (020-261 52 75)'),
  phone('+318000432', 'De Kindertelefoon (0800-0432)'),
  phone('116111', 'De Kindertelefoon (116 111)'),
  phone('116000', 'Hotline vermiste kinderen (116 000)'),
  phone('+318007000', 'Meld Misdaad Anoniem (0800-7000)'),
  phone('+318000188', 'Centrum Seksueel Geweld (0800-0188)'),
  phone('+318002000', 'Veilig Thuis (0800-2000)'),
  phone('113', '113 Zelfmoordpreventie (113)'),
  phone('+318000113', '113 Zelfmoordpreventie (0800-0113)'),
];

const HELP_DOMAINS = [
  'politie.nl',
  'fraudehelpdesk.nl',
  'slachtofferhulp.nl',
  'helpwanted.nl',
  'offlimits.nl',
  'stopitnow.nl',
  'kindertelefoon.nl',
  'meldmisdaadanoniem.nl',
  'centrumseksueelgeweld.nl',
  'veiligthuis.nl',
  '113.nl',
];
/** Platforms whose *paths* name a person (instagram.com/name, wa.me/316…, t.me/name, tikkie.me/pay/…):
 * only the bare domain is public; a link with a path is a selector. */
const PLATFORM_DOMAINS = [
  'instagram.com',
  'snapchat.com',
  'tiktok.com',
  'facebook.com',
  'fb.com',
  'messenger.com',
  'whatsapp.com',
  'wa.me',
  't.me',
  'telegram.org',
  'telegram.me',
  'discord.com',
  'discord.gg',
  'discordapp.com',
  'x.com',
  'twitter.com',
  'youtube.com',
  'youtu.be',
  'reddit.com',
  'twitch.tv',
  'kik.com',
  'signal.org',
  'threads.net',
  'linkedin.com',
  'pinterest.com',
  'onlyfans.com',
  'marktplaats.nl',
];
/** Mail and payment providers: the domain is public, an address or a payment link on it is not. */
const PROVIDER_DOMAINS = [
  'google.com',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.nl',
  'live.com',
  'live.nl',
  'icloud.com',
  'me.com',
  'apple.com',
  'microsoft.com',
  'yahoo.com',
  'proton.me',
  'protonmail.com',
  'paypal.com',
  'paypal.me',
  'tikkie.me',
  'bunq.me',
  'bunq.com',
  'ing.nl',
  'rabobank.nl',
  'abnamro.nl',
];

/** The default list, in canonical form (each value is what its signal type's `normalise` returns). */
export const DEFAULT_PUBLIC_SELECTORS: readonly PublicSelector[] = [
  ...PUBLIC_NUMBERS,
  ...HELP_DOMAINS.map((d) => domain(d, 'Hulp- of meldinstantie')),
  ...PLATFORM_DOMAINS.map((d) => domain(d, 'Platform (alleen het kale domein)')),
  ...PROVIDER_DOMAINS.map((d) => domain(d, 'Mail- of betaaldienst (alleen het kale domein)')),
];

/** A list as the database holds it: rows whose type is any text (an unknown type simply never matches). */
type PublicEntries = readonly { type: string; value: string }[];

const indexes = new WeakMap<PublicEntries, Set<string>>();

function indexOf(list: PublicEntries): Set<string> {
  let index = indexes.get(list);
  if (index === undefined) {
    index = new Set(list.map((entry) => `${entry.type}\u0000${entry.value}`));
    indexes.set(list, index);
  }
  return index;
}

/**
 * True when a canonical value never links. Exact entries match as they are; a bare link (no path, query or
 * fragment) is also public when its host's registrable domain is listed (help.instagram.com). An e-mail
 * address on a listed domain is not public: j.verkoper@gmail.com is a person, gmail.com is not.
 */
export function isPublic(type: SelectorName, value: string, list: PublicEntries): boolean {
  const index = indexOf(list);
  if (index.has(`${type}\u0000${value}`)) return true;
  if (type !== 'url' || !isBareHost(value)) return false;
  const host = urlHost(value);
  const registrable = registrableDomain(host);
  return index.has(`url\u0000${host}`) || (registrable !== null && index.has(`url\u0000${registrable}`));
}
