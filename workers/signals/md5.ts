import { hexSignal } from './signal-type.ts';

/** MD5 (128 bits): exact matches against hash sets and other cases. */
export const md5 = hexSignal('md5', 'MD5', 128, 'exact');
