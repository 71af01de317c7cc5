// One selector written any way a person would type it into a lookup: which type is it, and its value.
import { parseHandle } from '../signals/handle.ts';
import { SELECTOR_SIGNALS } from '../signals/index.ts';
import type { Platform } from '../signals/platforms.ts';
import type { SelectorName } from '../signals/signal-type.ts';

/** Most specific first: an IP address is also a valid link host, and a link is never a handle. */
const ORDER: readonly SelectorName[] = ['email', 'iban', 'eth', 'btc', 'ip', 'phone', 'url'];

export type ClassifiedSelector = { type: SelectorName; value: string; platform: Platform | null };

/** `"+31 (0)6-12345678"` → phone `+31612345678`; `"@DarkFox_78 (Snapchat)"` → handle; null when none fits. */
export function classifySelector(raw: string): ClassifiedSelector | null {
  for (const type of ORDER) {
    const value = SELECTOR_SIGNALS[type].normalise(raw);
    if (value !== null) return { type, value, platform: null };
  }
  const parsed = parseHandle(raw);
  return parsed === null ? null : { type: 'handle', ...parsed };
}
