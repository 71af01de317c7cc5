// Blockhash and the safe rendition straight from decoded pixels: the blockhash stays where the former
// 256×256-resize route put it, and the safe rendition is as grey and as blurred as the one made from the WebP.
import sharp from 'sharp';
import { bmvbhash } from 'blockhash-core';
import { describe, expect, it } from 'vitest';
import { colourChecker, pixelStats } from '../../fixtures/patterns.ts';
import { scenePhoto } from '../../fixtures/photos.ts';
import { decodeForHashing, deriveFromDecoded } from '../../../workers/imaging/analyse-image.ts';
import { blockhashFromRaster, greyFitInside } from '../../../workers/imaging/raw-renditions.ts';
import { renderSafeThumbnailFromRaw } from '../../../workers/imaging/safe-thumbnail.ts';

const hamming = (a: string, b: string) =>
  [...a].reduce(
    (n, c, i) => n + [...(parseInt(c, 16) ^ parseInt(b[i]!, 16)).toString(2)].filter((d) => d === '1').length,
    0,
  );

const decode = (image: Buffer) => decodeForHashing(image, { limitInputPixels: 1e9 });
const rasterOf = (d: Awaited<ReturnType<typeof decode>>) => ({ data: d.data, ...d.info });

/** The route ingest took before: a 256×256 Lanczos resize of the decode, then blockhash of that. */
async function blockhashByResize(d: Awaited<ReturnType<typeof decode>>): Promise<string> {
  const rgba = await sharp(d.data, { raw: { width: d.info.width, height: d.info.height, channels: 4 } })
    .resize(256, 256, { fit: 'fill' })
    .raw()
    .toBuffer();
  return bmvbhash({ width: 256, height: 256, data: rgba }, 16);
}

describe('blockhash from the decoded raster', () => {
  it('stays within a few bits of the former resize route on photo-like images of odd sizes', async () => {
    const distances: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const d = await decode(await scenePhoto(seed, 800 + seed * 37, 600 + seed * 11));
      distances.push(hamming(blockhashFromRaster(rasterOf(d)), await blockhashByResize(d)));
    }
    // Measured: mean 1.3, max 4 of 256 bits over 30 such images.
    expect(distances.reduce((a, b) => a + b) / distances.length).toBeLessThanOrEqual(2);
    expect(Math.max(...distances)).toBeLessThanOrEqual(6);
  });

  it('gives the same hash for grey, grey+alpha, RGB and RGBA layouts of the same pixels', async () => {
    const rgba = await decode(await colourChecker(300, 200, 20));
    const { width, height } = rgba.info;
    const grey = Buffer.alloc(width * height);
    for (let p = 0; p < grey.length; p++) grey[p] = rgba.data[p * 4]!;
    const layout = (channels: number) => {
      const data = Buffer.alloc(width * height * channels, 255);
      for (let p = 0; p < grey.length; p++)
        for (let c = 0; c < Math.min(channels, 3); c++) data[p * channels + c] = grey[p]!;
      return { data, width, height, channels };
    };
    const hashes = [1, 2, 3, 4].map((channels) => blockhashFromRaster(layout(channels)));
    expect(new Set(hashes).size).toBe(1);
  });
});

describe('the safe rendition from the decoded raster', () => {
  it('is a small grey WebP with no edges left, like the one made from the thumbnail', async () => {
    const d = await decode(await colourChecker(512, 384, 32));
    const safe = await renderSafeThumbnailFromRaw(rasterOf(d), () => Promise.reject(new Error('not needed')));
    expect((await sharp(safe).metadata()).format).toBe('webp');
    const after = await pixelStats(safe);
    const before = await pixelStats(await colourChecker(512, 384, 32), { width: after.width, height: after.height });
    expect({ width: after.width, height: after.height, colourPixels: after.colourPixels }).toEqual({
      width: 64,
      height: 48,
      colourPixels: 0,
    });
    expect(after.maxStep).toBeLessThan(before.maxStep / 20);
    expect(after.stdev).toBeLessThan(before.stdev / 10);
  });

  it('flattens a pattern carried by transparency and enlarges tiny images', async () => {
    const alpha = await decode(await colourChecker(256, 256, 16, true));
    const stats = await pixelStats(await renderSafeThumbnailFromRaw(rasterOf(alpha), () => Promise.reject()));
    expect(stats.colourPixels).toBe(0);
    expect(stats.maxStep).toBeLessThan(8);
    const tiny = greyFitInside(rasterOf(await decode(await colourChecker(8, 6, 2))), 64);
    expect({ width: tiny.width, height: tiny.height }).toEqual({ width: 64, height: 48 });
    expect(tiny.data.every((v) => v >= 0 && v <= 255)).toBe(true);
  });

  it('comes out of deriveFromDecoded beside the sharp thumbnail', async () => {
    const d = await decode(await scenePhoto(3));
    const derived = await deriveFromDecoded(d.data, d.info, { source: d });
    expect((await pixelStats(derived.safeThumbnail)).colourPixels).toBe(0);
    const { width, height } = await sharp(derived.safeThumbnail).metadata();
    expect(Math.max(width, height)).toBe(64);
  });
});
