/** Limits that keep hostile exports from crashing a worker or filling its disk. */
export type IngestLimits = {
  maxEntrySize: number;
  maxTotalExpanded: number;
  maxCompressionRatio: number;
  maxEntries: number;
  maxDepth: number;
  maxImagePixels: number;
};
