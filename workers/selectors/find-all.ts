// Every selector in a text, most specific first: a span claimed by an e-mail address is not also a link,
// a phone number inside an IBAN is not a phone number.
import { overlaps, type Candidate, type FindOptions } from './candidate.ts';
import { findHandles } from './find-handles.ts';
import { findEmails, findUrls } from './find-links.ts';
import { findIps, findPhones } from './find-network.ts';
import { findIbans, findWallets } from './find-payments.ts';
import { selectorsInLink } from './platform-links.ts';

type Finder = (text: string, options: FindOptions) => Candidate[];

const FINDERS: readonly Finder[] = [findEmails, findUrls, findIbans, findWallets, findIps, findPhones, findHandles];

export function findCandidates(text: string, options: FindOptions): Candidate[] {
  const kept: Candidate[] = [];
  for (const find of FINDERS) {
    for (const found of find(text, options)) if (!kept.some((k) => overlaps(k, found))) kept.push(found);
  }
  const carried = kept.filter((k) => k.type === 'url').flatMap(selectorsInLink);
  return [...kept, ...carried].sort((a, b) => a.start - b.start || (a.type === 'url' ? -1 : b.type === 'url' ? 1 : 0));
}
