// Every signal type Spoor knows; lookup asks whichever signal a query is.
import { btc } from './btc.ts';
import { email } from './email.ts';
import { eth } from './eth.ts';
import { handle } from './handle.ts';
import { iban } from './iban.ts';
import { ip } from './ip.ts';
import { md5 } from './md5.ts';
import { pdq } from './pdq.ts';
import { phone } from './phone.ts';
import { sha1 } from './sha1.ts';
import { sha256 } from './sha256.ts';
import type { SelectorName, SignalName, SignalType } from './signal-type.ts';
import { url } from './url.ts';

export { md5, pdq, sha1, sha256 };
export { btc, email, eth, handle, iban, ip, phone, url };
export { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from './pdq.ts';
export type { SelectorName, SignalName, SignalType } from './signal-type.ts';

/** The hash signals a lookup may carry, in the order they are asked for. */
export const HASH_SIGNALS = [md5, sha1, sha256, pdq] as const;

/** The selector signals of meldingen, by name; each is answered by the exact index. */
export const SELECTOR_SIGNALS: Readonly<Record<SelectorName, SignalType>> = {
  phone,
  email,
  handle,
  iban,
  ip,
  url,
  btc,
  eth,
};

export const SIGNALS: Readonly<Record<SignalName, SignalType>> = { md5, sha1, sha256, pdq, ...SELECTOR_SIGNALS };
