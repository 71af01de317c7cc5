// The production PDQ route (≤ 512 px shrink-on-load decode, then pdq-reduced.ts) against PDQ on the
// full-resolution luma, which is bit-exact with Meta's reference (test/unit/pdq.test.ts).
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { sceneSvg } from '../../fixtures/photos.ts';
import { analyseImage } from '../../../workers/imaging/analyse-image.ts';
import { lumaFromRgba, pdqHashFromLuma, type PdqResult } from '../../../workers/imaging/pdq.ts';
import { pdqHashFromReducedLuma } from '../../../workers/imaging/pdq-reduced.ts';
import { hammingHex } from '../../../workers/matching/hamming.ts';

/** Photo-like: a generated scene drawn crisply at full size, with sensor-like noise over it. */
async function photoLike(seed: number, width: number, height: number): Promise<Sharp> {
  const svg = sceneSvg(seed, 800, Math.round((800 * height) / width));
  const scene = await sharp(svg, { density: (72 * width) / 800 })
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const raw = { width, height, channels: 3 as const };
  const noise = await sharp({
    create: { ...raw, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
  })
    .raw()
    .toBuffer();
  return sharp(scene, { raw }).composite([{ input: noise, raw, blend: 'soft-light' }]);
}

async function fullResolutionPdq(image: Buffer): Promise<PdqResult> {
  const { data, info } = await sharp(image).rotate().raw().toBuffer({ resolveWithObject: true });
  return pdqHashFromLuma(lumaFromRgba(data, info.width, info.height, info.channels), info.width, info.height);
}

describe('PDQ from a reduced decode', () => {
  it('is pdq.ts bit for bit when the decode was not reduced', async () => {
    const { data, info } = await sharp(sceneSvg(3, 400, 300))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const luma = lumaFromRgba(data, info.width, info.height, info.channels);
    expect(pdqHashFromReducedLuma(luma, 400, 300, { width: 400, height: 300 })).toEqual(
      pdqHashFromLuma(luma, 400, 300),
    );
  });

  it('gives the reference all-zero result for a source too small to hash', () => {
    const result = pdqHashFromReducedLuma(new Float64Array(512 * 2).fill(90), 512, 2, { width: 4000, height: 4 });
    expect(result.quality).toBe(0);
    expect(result.hash).toBe('0'.repeat(64));
  });

  // Before: PDQ run on the ≤ 512 px raster itself drifted 4–10 bits (mean 7.7) on these same images.
  it(
    'keeps the production hash within mean 3 and max 8 bits of the full-resolution hash',
    { timeout: 120_000 },
    async () => {
      const cases = [
        { seed: 1, width: 3000, height: 2000, encode: (s: Sharp) => s.jpeg({ quality: 90 }) },
        { seed: 3, width: 2000, height: 3000, encode: (s: Sharp) => s.png() },
        { seed: 4, width: 2400, height: 1600, encode: (s: Sharp) => s.webp({ quality: 90 }) },
        { seed: 7, width: 1600, height: 1200, encode: (s: Sharp) => s.jpeg({ quality: 85 }) },
        { seed: 5, width: 900, height: 600, encode: (s: Sharp) => s.jpeg({ quality: 90 }) },
      ];
      const distances: Record<string, number> = {};
      for (const { seed, width, height, encode } of cases) {
        const image = await encode(await photoLike(seed, width, height)).toBuffer();
        const reference = await fullResolutionPdq(image);
        expect(reference.quality, `${width}×${height}`).toBeGreaterThanOrEqual(50);
        const production = await analyseImage(image, { limitInputPixels: 50_000_000 });
        expect([production.width, production.height]).toEqual([width, height]);
        distances[`${width}×${height}`] = hammingHex(production.pdq, reference.hash);
      }
      const values = Object.values(distances);
      expect(values.reduce((a, b) => a + b, 0) / values.length, JSON.stringify(distances)).toBeLessThanOrEqual(3);
      for (const [size, bits] of Object.entries(distances)) expect(bits, size).toBeLessThanOrEqual(8);
    },
  );
});
