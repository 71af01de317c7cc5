// Every signal type Spoor knows; lookup asks whichever signal a query is.
import { md5 } from './md5.ts';
import { pdq } from './pdq.ts';
import { sha1 } from './sha1.ts';
import { sha256 } from './sha256.ts';
import type { SignalName, SignalType } from './signal-type.ts';

export { md5, pdq, sha1, sha256 };
export { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from './pdq.ts';
export type { SignalIndex, SignalName, SignalType } from './signal-type.ts';

export const SIGNALS: Readonly<Record<SignalName, SignalType>> = { md5, sha1, sha256, pdq };

/** The hash signals a lookup may carry, in the order they are asked for. */
export const HASH_SIGNALS = [md5, sha1, sha256, pdq] as const;
