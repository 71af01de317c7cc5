// Picks the exact near-neighbour index for a throw-away batch: both answer exactly the same.
import { LinearIndex } from './linear-index.ts';
import { MihIndex } from './mih-index.ts';
import type { NearIndex } from './near-index.ts';

// Below this many hashes a linear scan beats building 16 × 65,536-bucket tables.
const MIH_THRESHOLD = 20_000;

export const exactIndexFor = (size: number): NearIndex => (size >= MIH_THRESHOLD ? new MihIndex() : new LinearIndex());
