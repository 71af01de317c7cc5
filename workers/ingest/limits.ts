/** Limits that keep hostile exports from crashing a worker or filling its disk. */
export type IngestLimits = {
  maxEntrySize: number; maxTotalExpanded: number; maxCompressionRatio: number;
  maxEntries: number; maxDepth: number; maxImagePixels: number;
};

/** PDQ hashes below this quality are unreliable and are not used for near matching (Meta's guidance). */
export const MIN_PDQ_QUALITY = 50;
/** Default near-duplicate radius: PDQ Hamming distance ≤ 31. */
export const NEAR_RADIUS = 31;
