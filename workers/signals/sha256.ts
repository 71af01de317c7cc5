import { hexSignal } from './signal-type.ts';

/** SHA-256 (256 bits): the content address of every blob and piece of evidence. */
export const sha256 = hexSignal('sha256', 'SHA-256', 256, 'exact');
