import { hexSignal } from './signal-type.ts';

/** SHA-1 (160 bits): exact matches; the common key of VICS and NSRL-style lists. */
export const sha1 = hexSignal('sha1', 'SHA-1', 160, 'exact');
