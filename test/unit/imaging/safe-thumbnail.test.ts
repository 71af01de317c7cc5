// The safe rendition: greyscale in every pixel, and a hard-edged pattern blurred to an even grey.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourChecker, pixelStats } from '../../fixtures/patterns.ts';
import {
  SAFE_THUMBNAIL_SIGMA,
  SAFE_THUMBNAIL_SIZE,
  renderSafeThumbnail,
} from '../../../workers/imaging/safe-thumbnail.ts';

const webpThumbnail = async (image: Buffer) =>
  sharp(image).resize(256, 256, { fit: 'inside' }).webp({ quality: 75, effort: 0 }).toBuffer();

describe('renderSafeThumbnail', () => {
  it('blurs at least as strongly as the client CSS default (16 px on a 128 px tile)', () => {
    expect(SAFE_THUMBNAIL_SIGMA / SAFE_THUMBNAIL_SIZE).toBeGreaterThanOrEqual(16 / 128);
  });

  it('turns a colourful checkerboard into a small greyscale WebP without edges', async () => {
    const thumbnail = await webpThumbnail(await colourChecker(512, 384, 32));
    const safe = await renderSafeThumbnail(thumbnail);
    expect((await sharp(safe).metadata()).format).toBe('webp');
    const after = await pixelStats(safe);
    const before = await pixelStats(thumbnail, { width: after.width, height: after.height });
    expect({ width: after.width, height: after.height }).toEqual({ width: 64, height: 48 });
    expect(after.colourPixels).toBe(0);
    expect(before.maxStep).toBeGreaterThan(100);
    expect(after.maxStep).toBeLessThan(before.maxStep / 20);
    expect(after.stdev).toBeLessThan(before.stdev / 10);
  });

  it('blurs a pattern carried by transparency, and keeps tiny and very thin images readable', async () => {
    const alpha = await renderSafeThumbnail(await colourChecker(256, 256, 16, true));
    const stats = await pixelStats(alpha);
    expect((await sharp(alpha).metadata()).hasAlpha).toBe(false);
    expect(stats.colourPixels).toBe(0);
    expect(stats.maxStep).toBeLessThan(8);
    const tiny = await pixelStats(await renderSafeThumbnail(await colourChecker(8, 6, 2)));
    expect({ width: tiny.width, height: tiny.height, colourPixels: tiny.colourPixels }).toEqual({
      width: 64,
      height: 48,
      colourPixels: 0,
    });
    const thin = await pixelStats(await renderSafeThumbnail(await colourChecker(2000, 3, 3)));
    expect(thin.width).toBe(64);
    expect(thin.colourPixels).toBe(0);
  });
});
