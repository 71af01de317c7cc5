// vPDQ-style frame shares and image-to-video links over synthetic hashes (pure: no ffmpeg, no database).
import { describe, expect, it } from 'vitest';
import { FrameIndex, sameFootage, sharesOf, videosOfImage } from '../../../workers/video/video-links.ts';

/** A random 256-bit hash from a seed, and a copy with `bits` bits flipped. */
function hash(seed: number): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < 64; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += ((x >>> 16) & 15).toString(16);
  }
  return out;
}
function flip(h: string, bits: number): string {
  const digits = h.split('').map((c) => parseInt(c, 16));
  for (let i = 0; i < bits; i++) digits[i]! ^= 1;
  return digits.map((d) => d.toString(16)).join('');
}

const original = { id: 1, frames: [1, 2, 3, 4, 5, 6].map(hash) };
// A trim: the last four frames, slightly changed by the re-encode.
const trimmed = { id: 2, frames: original.frames.slice(2).map((h) => flip(h, 6)) };
const unrelated = { id: 3, frames: [101, 102, 103].map(hash) };

describe('frame shares between videos', () => {
  const index = new FrameIndex([original, trimmed, unrelated]);

  it('reports the share in both directions: a trim is all in its original, the original partly in the trim', () => {
    const [share] = sharesOf(trimmed, index, 31);
    expect(share).toMatchObject({ a: 2, b: 1, aShare: 1, bShare: 4 / 6, distance: 6 });
    expect(sameFootage(share!)).toBe(true);
  });

  it('finds no share with unrelated footage', () => {
    expect(sharesOf(unrelated, index, 31)).toEqual([]);
  });

  it('does not group videos that share only a few frames', () => {
    const intro = { id: 4, frames: [original.frames[0]!, ...[201, 202, 203, 204, 205].map(hash)] };
    const [share] = sharesOf(intro, new FrameIndex([original, intro]), 31);
    expect(share).toMatchObject({ aShare: 1 / 6, bShare: 1 / 6 });
    expect(sameFootage(share!)).toBe(false);
  });

  it('links an image to the videos one of its variants is a frame of', () => {
    const still = [hash(999), flip(original.frames[3]!, 10)];
    expect(videosOfImage(still, index, 31)).toEqual(
      new Map([
        [1, 10],
        [2, 4],
      ]),
    );
  });
});
