// E-mail addresses: the whole address in lower case, the domain in its ASCII (punycode) form.
import { selectorSignal } from './signal-type.ts';
import { hostWithKnownSuffix } from './hosts.ts';

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function normaliseEmail(raw: string): string | null {
  const written = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  const at = written.lastIndexOf('@');
  if (at < 1 || written.length > 254) return null;
  const local = written.slice(0, at);
  const domain = hostWithKnownSuffix(written.slice(at + 1));
  if (local.length > 64 || !LOCAL_PART.test(local) || domain === null || domain.startsWith('[')) return null;
  return `${local}@${domain}`;
}

/** E-mail addresses: `J.Verkoper@Example.COM` is `j.verkoper@example.com`; `…@example.nl` is another one. */
export const email = selectorSignal(
  'email',
  'e-mail',
  /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/,
  normaliseEmail,
);
