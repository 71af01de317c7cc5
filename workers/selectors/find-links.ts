// E-mail addresses and links in free text, with or without a scheme.
import { email } from '../signals/email.ts';
import { url } from '../signals/url.ts';
import { candidate, matches, type Candidate } from './candidate.ts';

const EMAIL = /(?<![\w.+%'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const WITH_SCHEME = /\b(?:https?|hxxps?):\/\/[^\s<>"'\u201c\u201d\u2018\u2019]+/gi;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const WITHOUT_SCHEME = new RegExp(
  `(?<![\\w@./:-])(?:${LABEL}\\.)+[A-Za-z]{2,24}(?::[0-9]{1,5})?(?:[/?#][^\\s<>"'\\u201c\\u201d\\u2018\\u2019]*)?`,
  'g',
);
/** Suffixes that are also file extensions: `bijlage.zip` is a file name unless written as a link. */
const FILE_LIKE_SUFFIXES = new Set(['zip', 'mov', 'md', 'sh', 'py', 'rs', 'ps', 'so']);

/** Sentence punctuation after a link is not part of it; a closing bracket only when it closes nothing. */
function trimLinkEnd(written: string): string {
  let end = written.length;
  for (;;) {
    const last = written[end - 1];
    const body = written.slice(0, end);
    const unbalanced = (open: string, close: string) =>
      last === close && body.split(open).length <= body.split(close).length - 1;
    if (/[.,;:!?'"»\u2026]/.test(last) || unbalanced('(', ')') || unbalanced('[', ']')) end -= 1;
    else return written.slice(0, end);
  }
}

export function findEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of matches(EMAIL, text)) {
    const written = m.text.replace(/[.-]+$/, '');
    const value = email.normalise(written);
    if (value !== null) found.push(candidate('email', value, m.start, m.start + written.length));
  }
  return found;
}

/** A scheme-less match is only a link when it does not read as a sentence run-on or a file name. */
function plausibleWithoutScheme(written: string): boolean {
  if (/^www\./i.test(written)) return true;
  const host = written.split(/[/?#:]/)[0];
  const suffix = host.slice(host.lastIndexOf('.') + 1);
  const hasPath = host.length < written.length;
  // "klaar.Nu" is two sentences run together, not the domain klaar.nu.
  if (/^[A-Z][a-z]+$/.test(suffix)) return false;
  return hasPath || !FILE_LIKE_SUFFIXES.has(suffix.toLowerCase());
}

export function findUrls(text: string): Candidate[] {
  const found: Candidate[] = [];
  const add = (written: string, start: number) => {
    const value = url.normalise(written);
    if (value !== null) found.push(candidate('url', value, start, start + written.length));
  };
  for (const m of matches(WITH_SCHEME, text)) add(trimLinkEnd(m.text), m.start);
  for (const m of matches(WITHOUT_SCHEME, text)) {
    const written = trimLinkEnd(m.text);
    const claimed = found.some((f) => f.start <= m.start && m.start < f.end);
    if (!claimed && plausibleWithoutScheme(written)) add(written, m.start);
  }
  return found;
}
