// Links that name a person on a platform (instagram.com/name, t.me/name, wa.me/316…) also yield that
// handle or phone number, so "insta: darkfox_78" and "instagram.com/DarkFox_78" meet on the same value.
import { handle } from '../signals/handle.ts';
import { ip } from '../signals/ip.ts';
import { phone } from '../signals/phone.ts';
import type { Platform } from '../signals/platforms.ts';
import { urlHost } from '../signals/url.ts';
import { candidate, type Candidate } from './candidate.ts';

type ProfileRule = { hosts: readonly string[]; path: RegExp; platform: Platform; reserved?: readonly string[] };

const PROFILE_RULES: readonly ProfileRule[] = [
  {
    hosts: ['instagram.com'],
    path: /^\/([A-Za-z0-9._]{1,30})\/?(?:[?#].*)?$/,
    platform: 'instagram',
    reserved: ['p', 'reel', 'reels', 'explore', 'accounts', 'stories', 'direct', 'tv', 'about', 'legal'],
  },
  { hosts: ['tiktok.com'], path: /^\/@([A-Za-z0-9._]{1,24})(?:[/?#].*)?$/, platform: 'tiktok' },
  { hosts: ['snapchat.com'], path: /^\/add\/([A-Za-z0-9._-]{1,15})(?:[/?#].*)?$/, platform: 'snapchat' },
  {
    hosts: ['t.me', 'telegram.me'],
    path: /^\/([A-Za-z0-9_]{4,32})\/?(?:[?#].*)?$/,
    platform: 'telegram',
    reserved: ['joinchat', 'share', 'addstickers', 'proxy', 'socks', 'iv'],
  },
  {
    hosts: ['x.com', 'twitter.com'],
    path: /^\/([A-Za-z0-9_]{1,15})\/?(?:[?#].*)?$/,
    platform: 'x',
    reserved: ['home', 'i', 'search', 'explore', 'settings', 'messages', 'notifications', 'intent', 'share', 'login'],
  },
];

function profileHandle(host: string, path: string): { value: string; platform: Platform } | null {
  for (const rule of PROFILE_RULES) {
    const name = rule.hosts.includes(host) ? rule.path.exec(path)?.[1] : undefined;
    if (name === undefined || rule.reserved?.includes(name.toLowerCase())) continue;
    const value = handle.normalise(name);
    return value === null ? null : { value, platform: rule.platform };
  }
  return null;
}

/** The handle, phone number or IP address a link carries, at the link's own place in the text. */
export function selectorsInLink(link: Candidate): Candidate[] {
  const host = urlHost(link.value);
  const path = link.value.slice(link.value.indexOf(host) + host.length).replace(/^:\d+/, '');
  const found: Candidate[] = [];
  const profile = profileHandle(host, path);
  if (profile !== null) found.push(candidate('handle', profile.value, link.start, link.end, profile));
  const whatsapp = host === 'wa.me' ? /^\/([0-9]{8,15})(?:[/?#].*)?$/.exec(path)?.[1] : undefined;
  const number = whatsapp === undefined ? null : phone.normalise(`+${whatsapp}`);
  if (number !== null) found.push(candidate('phone', number, link.start, link.end));
  const address = ip.normalise(host);
  if (address !== null) found.push(candidate('ip', address, link.start, link.end));
  return found;
}
