// Which videos are alike, frame by frame, as Meta's vPDQ compares them: the share of one video's frames that lie
// within the radius of some frame of the other, in both directions (a trim is all in its original; the original
// only partly in the trim). And which images match a frame. Pure: exact indexes over the hashes, no I/O.
import { exactIndexFor } from '../matching/index-for.ts';
import type { NearIndex } from '../matching/near-index.ts';

/** A video joins another's group when this share of either one's frames is found in the other. */
const SHARE_TO_GROUP = 0.5;

export type VideoFrames = { id: number; frames: string[] };
export type FrameShare = { a: number; b: number; aShare: number; bShare: number; distance: number };

/** Frames near a hash (their video, their place in it, the distance), and how many usable frames each video has. */
export interface FrameLookup {
  query(hash: string, radius: number): Array<{ video: number; frame: number; distance: number }>;
  readonly frameCount: Map<number, number>;
}

/** An exact index over the frames of some videos, each entry knowing its video and its place in it. */
export class FrameIndex implements FrameLookup {
  private readonly index: NearIndex;
  private readonly owner: number[] = [];
  private readonly position: number[] = [];
  readonly frameCount = new Map<number, number>();

  constructor(videos: VideoFrames[]) {
    const hashes: string[] = [];
    for (const v of videos) {
      this.frameCount.set(v.id, v.frames.length);
      v.frames.forEach((hash, i) => {
        hashes.push(hash);
        this.owner.push(v.id);
        this.position.push(i);
      });
    }
    this.index = exactIndexFor(hashes.length);
    this.index.bulkLoad(
      hashes.map((_, i) => i),
      hashes,
    );
  }

  /** Frames within the radius of a hash: their video, their place, and the distance. */
  query(hash: string, radius: number): Array<{ video: number; frame: number; distance: number }> {
    return this.index.query(hash, radius).map((m) => ({
      video: this.owner[m.id]!,
      frame: this.position[m.id]!,
      distance: m.distance,
    }));
  }
}

/** Shares between one video and every other video in the index that any of its frames meets. */
export function sharesOf(video: VideoFrames, index: FrameLookup, radius: number): FrameShare[] {
  const mine = new Map<number, Set<number>>();
  const theirs = new Map<number, Set<number>>();
  const closest = new Map<number, number>();
  video.frames.forEach((hash, i) => {
    for (const hit of index.query(hash, radius)) {
      if (hit.video === video.id) continue;
      if (!mine.has(hit.video)) {
        mine.set(hit.video, new Set());
        theirs.set(hit.video, new Set());
      }
      mine.get(hit.video)!.add(i);
      theirs.get(hit.video)!.add(hit.frame);
      closest.set(hit.video, Math.min(closest.get(hit.video) ?? Infinity, hit.distance));
    }
  });
  return [...mine.keys()].map((other) => ({
    a: video.id,
    b: other,
    aShare: mine.get(other)!.size / Math.max(1, video.frames.length),
    bShare: theirs.get(other)!.size / Math.max(1, index.frameCount.get(other) ?? 1),
    distance: closest.get(other)!,
  }));
}

/** Whether two videos with these shares are the same footage (re-encoded, resized or trimmed). */
export const sameFootage = (s: Pick<FrameShare, 'aShare' | 'bShare'>) => Math.max(s.aShare, s.bShare) >= SHARE_TO_GROUP;

/** The videos one image meets: any of its variants (dihedral, trimmed) within the radius of one of their frames. */
export function videosOfImage(variants: string[], index: FrameLookup, radius: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const hash of variants)
    for (const hit of index.query(hash, radius))
      out.set(hit.video, Math.min(out.get(hit.video) ?? Infinity, hit.distance));
  return out;
}
