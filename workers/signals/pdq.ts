// PDQ (Meta's open perceptual hash, 256 bits) and its matching thresholds.
import { hexSignal } from './signal-type.ts';

/** Hashes below this quality are unreliable and are not used for near matching (Meta's guidance). */
export const PDQ_MIN_QUALITY = 50;
/** The match threshold: Hamming distance ≤ 31 of 256 bits (Meta's recommended radius). */
export const PDQ_NEAR_RADIUS = 31;

export const pdq = hexSignal(
  'pdq',
  'PDQ',
  256,
  'near',
  (_value, quality) => quality !== null && quality !== undefined && quality >= PDQ_MIN_QUALITY,
);
