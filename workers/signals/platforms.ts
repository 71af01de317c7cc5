// The platforms a handle can belong to, and the names people write for them ("snap", "insta", "ig").

export type Platform =
  | 'snapchat'
  | 'instagram'
  | 'tiktok'
  | 'telegram'
  | 'discord'
  | 'kik'
  | 'x'
  | 'facebook'
  | 'whatsapp'
  | 'signal'
  | 'skype'
  | 'twitch'
  | 'youtube'
  | 'reddit';

const ALIASES: Readonly<Record<string, Platform>> = {
  snapchat: 'snapchat',
  snap: 'snapchat',
  sc: 'snapchat',
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  tiktok: 'tiktok',
  telegram: 'telegram',
  tg: 'telegram',
  discord: 'discord',
  kik: 'kik',
  x: 'x',
  twitter: 'x',
  facebook: 'facebook',
  fb: 'facebook',
  messenger: 'facebook',
  whatsapp: 'whatsapp',
  signal: 'signal',
  skype: 'skype',
  twitch: 'twitch',
  youtube: 'youtube',
  yt: 'youtube',
  reddit: 'reddit',
};

/** A regular-expression alternation of the aliases (longest first), for use inside a larger pattern. */
export function platformAliasSource(minLength = 1): string {
  return Object.keys(ALIASES)
    .filter((alias) => alias.length >= minLength)
    .sort((a, b) => b.length - a.length)
    .join('|');
}

/** The platform a written name stands for ("Snap" → snapchat), or null when it names none. */
export function platformFromAlias(word: string): Platform | null {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : null;
}
