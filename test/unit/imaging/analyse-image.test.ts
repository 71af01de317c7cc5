import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyseImage,
  decodeForHashing,
  deriveFromDecoded,
  ImageDecodeError,
  type ImageAnalysis,
} from '../../../workers/imaging/analyse-image.ts';
import { hammingHex } from '../../../workers/matching/hamming.ts';

// Every input is synthetic: smooth patterns, shapes, noise and rendered text.
const OPTS = { limitInputPixels: 50_000_000 };
const MATCH = 31; // PDQ match threshold used for "same picture"

/** Low-frequency pattern (variant picks phases) plus deterministic noise, as raw RGB. */
function scene(width: number, height: number, variant: number): Buffer {
  const buf = Buffer.alloc(width * height * 3);
  let seed = 0x9e3779b9 ^ variant;
  const noise = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 24) - 128;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width,
        v = y / height;
      const base =
        128 + 60 * Math.sin(6.3 * u * (variant + 1) + variant) * Math.cos(4.1 * v * (variant + 2)) + 40 * (u - v);
      const disc = (u - 0.3 - 0.1 * variant) ** 2 + (v - 0.6) ** 2 < 0.03 ? 50 : 0;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++)
        buf[o + c] = Math.max(0, Math.min(255, base + disc * (c - 1) + noise() / 8 + 20 * c * u));
    }
  }
  return buf;
}

const fromScene = (w: number, h: number, variant = 0) =>
  sharp(scene(w, h, variant), { raw: { width: w, height: h, channels: 3 } });

const textSvg = (w: number, h: number) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
      `<rect width="100%" height="100%" fill="#fdf6e3"/><circle cx="${w / 3}" cy="${h / 2}" r="${h / 4}" fill="#268bd2"/>` +
      `<text x="20" y="${h - 30}" font-size="${h / 6}" font-family="sans-serif" fill="#dc322f">SPOOR test 42</text></svg>`,
  );

const analyse = (input: Buffer | string, opts = {}) => analyseImage(input, { ...OPTS, ...opts });

async function expectDecodeError(input: Buffer, reason: string, message: RegExp): Promise<void> {
  const err = await analyse(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageDecodeError);
  expect((err as ImageDecodeError).reason).toBe(reason);
  expect((err as Error).message).toMatch(message);
}

/** A real 1×1 PNG whose IHDR is patched to declare width×height, CRC recomputed. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } })
      .png()
      .toBuffer(),
  );
  // Signature (8) + length (4) + "IHDR" (4): width at 16, height at 20, CRC over type+data at 29.
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('analyseImage', () => {
  let jpeg: Buffer; // 1200×800 reference picture
  let ref: ImageAnalysis;
  let dir: string;

  beforeAll(async () => {
    jpeg = await fromScene(1200, 800).jpeg({ quality: 92 }).toBuffer();
    ref = await analyse(jpeg);
    dir = await mkdtemp(path.join(tmpdir(), 'spoor-analyse-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('returns size, format, PDQ (+8 dihedral), blockhash and a WebP thumbnail', async () => {
    expect(ref).toMatchObject({ width: 1200, height: 800, format: 'jpeg' });
    expect(ref.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(ref.pdqDihedral).toHaveLength(8);
    expect(ref.pdqDihedral[0]).toBe(ref.pdq);
    expect(ref.pdqQuality).toBeGreaterThanOrEqual(50);
    expect(ref.blockhash).toMatch(/^[0-9a-f]{64}$/);
    expect(ref.frames).toBeUndefined();
    const thumb = await sharp(ref.thumbnail).metadata();
    expect(ref.thumbnail.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width, thumb.height)).toBe(256);
    expect(thumb.width / thumb.height).toBeCloseTo(1.5, 1);
  });

  it('honours thumbnailSize and never enlarges small images', async () => {
    const small = await analyse(await fromScene(120, 90).png().toBuffer(), { thumbnailSize: 64 });
    const meta = await sharp(small.thumbnail).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
    const tiny = await analyse(await fromScene(100, 60).png().toBuffer());
    const tinyMeta = await sharp(tiny.thumbnail).metadata();
    expect([tinyMeta.width, tinyMeta.height]).toEqual([100, 60]);
  });

  it(
    'handles a ~12 MP JPEG, reporting the original size but hashing a ≤512 px decode',
    { timeout: 30_000 },
    async () => {
      const big = await fromScene(4000, 3000).jpeg({ quality: 90 }).toBuffer();
      const decoded = await decodeForHashing(big, OPTS);
      expect([decoded.width, decoded.height]).toEqual([4000, 3000]);
      expect(Math.max(decoded.info.width, decoded.info.height)).toBe(512);
      expect(decoded.info.channels).toBe(4);
      const result = await analyse(big);
      expect([result.width, result.height]).toEqual([4000, 3000]);
      expect(hammingHex(result.pdq, ref.pdq)).toBeLessThanOrEqual(MATCH);
    },
  );

  it.each([
    ['png', (s: Sharp) => s.png()],
    ['gif', (s: Sharp) => s.gif({ effort: 1 })],
    ['webp', (s: Sharp) => s.webp({ quality: 80 })],
    ['tiff', (s: Sharp) => s.tiff()],
  ] as const)('decodes %s and hashes it like the JPEG', { timeout: 20_000 }, async (format, encode) => {
    const result = await analyse(await encode(fromScene(1200, 800)).toBuffer());
    expect(result).toMatchObject({ format, width: 1200, height: 800 });
    expect(hammingHex(result.pdq, ref.pdq)).toBeLessThanOrEqual(MATCH);
  });

  it('reads a file path as well as a buffer, with identical results', async () => {
    const file = path.join(dir, 'ref.jpg');
    await writeFile(file, jpeg);
    expect(await analyse(file)).toEqual(ref);
  });

  it('applies EXIF orientation 6: sizes swap and PDQ matches the upright picture', async () => {
    const upright = await analyse(await fromScene(900, 600).png().toBuffer());
    // Store the pixels turned 90° anticlockwise; orientation 6 tells viewers to turn them back clockwise.
    const stored = await fromScene(900, 600).rotate(270).png().toBuffer();
    const tagged = await sharp(stored).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const result = await analyse(tagged);
    expect([result.width, result.height]).toEqual([900, 600]);
    expect(hammingHex(result.pdq, upright.pdq)).toBeLessThanOrEqual(MATCH);
    // Control: the same pixels without the tag really are a different (rotated) picture to PDQ.
    const untagged = await analyse(await sharp(stored).jpeg({ quality: 92 }).toBuffer());
    expect([untagged.width, untagged.height]).toEqual([600, 900]);
    expect(hammingHex(untagged.pdq, upright.pdq)).toBeGreaterThan(MATCH);
  });

  it('matches a quality-50 recompression and a resized copy, but not an unrelated image', async () => {
    const recompressed = await analyse(await sharp(jpeg).jpeg({ quality: 50 }).toBuffer());
    const resized = await analyse(await sharp(jpeg).resize(500).jpeg({ quality: 80 }).toBuffer());
    const unrelated = await analyse(await fromScene(1200, 800, 3).jpeg().toBuffer());
    const text = await analyse(await sharp(textSvg(800, 600)).png().toBuffer());
    expect(hammingHex(recompressed.pdq, ref.pdq)).toBeLessThanOrEqual(MATCH);
    expect(hammingHex(resized.pdq, ref.pdq)).toBeLessThanOrEqual(MATCH);
    expect(hammingHex(unrelated.pdq, ref.pdq)).toBeGreaterThan(MATCH);
    expect(hammingHex(text.pdq, ref.pdq)).toBeGreaterThan(MATCH);
    expect(hammingHex(resized.blockhash, ref.blockhash)).toBeLessThan(hammingHex(unrelated.blockhash, ref.blockhash));
  });

  it('hashes only the first frame of an animated GIF and reports the frame count', async () => {
    const frames = Buffer.concat([scene(300, 200, 0), scene(300, 200, 1), scene(300, 200, 2)]);
    const gif = await sharp(frames, { raw: { width: 300, height: 600, channels: 3, pageHeight: 200 } })
      .gif()
      .toBuffer();
    const result = await analyse(gif);
    expect(result).toMatchObject({ format: 'gif', width: 300, height: 200, frames: 3 });
    const first = await analyse(await fromScene(300, 200, 0).png().toBuffer());
    expect(hammingHex(result.pdq, first.pdq)).toBeLessThanOrEqual(MATCH);
  });

  it('gives a flat single-colour image a low PDQ quality', async () => {
    const flat = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7bd5' } })
      .jpeg()
      .toBuffer();
    expect((await analyse(flat)).pdqQuality).toBeLessThan(50);
  });

  it('derives from an already decoded buffer exactly what analyseImage returns', async () => {
    const decoded = await decodeForHashing(jpeg, OPTS);
    const derived = await deriveFromDecoded(decoded.data, decoded.info, { source: decoded });
    expect(derived.pdq).toBe(ref.pdq);
    expect(derived.pdqDihedral).toEqual(ref.pdqDihedral);
    expect(derived.blockhash).toBe(ref.blockhash);
  });
});

describe('analyseImage errors', () => {
  it('reports a truncated JPEG instead of grey-filling it', async () => {
    const jpeg = await fromScene(800, 600).jpeg().toBuffer();
    await expectDecodeError(jpeg.subarray(0, jpeg.length >> 1), 'truncated', /^truncated JPEG: .*premature end/);
  });

  it('reports a truncated PNG', async () => {
    const png = await fromScene(400, 300).png().toBuffer();
    await expectDecodeError(png.subarray(0, png.length >> 1), 'truncated', /^truncated PNG/);
  });

  it('refuses a PNG declaring 30000×30000 before decoding it', async () => {
    await expectDecodeError(
      await pngDeclaring(30000, 30000),
      'pixel-limit',
      /30000×30000 exceeds pixel limit of 50000000/,
    );
  });

  it('honours a smaller pixel limit', async () => {
    const png = await fromScene(200, 100).png().toBuffer();
    const err = await analyseImage(png, { limitInputPixels: 10_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'pixel-limit', message: 'image 200×100 exceeds pixel limit of 10000' });
  });

  it('reports an empty buffer', async () => {
    await expectDecodeError(Buffer.alloc(0), 'empty', /empty input/);
  });

  it('reports text as an unsupported format', async () => {
    await expectDecodeError(
      Buffer.from('Dit is geen afbeelding.\nThis is not an image.\n'),
      'unsupported-format',
      /^unsupported image format$/,
    );
  });

  it('refuses SVG documents', async () => {
    await expectDecodeError(textSvg(200, 100), 'unsupported-format', /unsupported image format: svg/);
  });

  it('reports a missing file', async () => {
    const err = await analyse(path.join(tmpdir(), 'spoor-does-not-exist.jpg')).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ImageDecodeError', reason: 'not-found' });
  });
});
