// The strip: up to 16 frames spread over the video, side by side in one WebP. Two renditions, like thumbnails:
// the sharp one (only through an audited reveal) and the safe one, each tile greyscale and blurred exactly as
// workers/imaging/safe-thumbnail.ts renders an image's safe thumbnail.
import sharp from 'sharp';
import { renderSafeThumbnail } from '../imaging/safe-thumbnail.ts';
import type { RawFrame } from './frames.ts';

const STRIP_TILES = 16;
const TILE_HEIGHT = 120;

/** Keeps, for each of the 16 slots spread over the duration, the frame nearest the slot's middle. */
export class StripPicker {
  private readonly slots: Array<RawFrame | null> = Array.from({ length: STRIP_TILES }, () => null);
  private firstFrames: RawFrame[] = [];

  constructor(private readonly durationSeconds: number | null) {}

  offer(frame: RawFrame): void {
    if (!this.durationSeconds) {
      if (this.firstFrames.length < STRIP_TILES) this.firstFrames.push(frame);
      return;
    }
    const slot = Math.min(STRIP_TILES - 1, Math.floor((frame.t / this.durationSeconds) * STRIP_TILES));
    const target = ((slot + 0.5) * this.durationSeconds) / STRIP_TILES;
    const current = this.slots[slot];
    if (!current || Math.abs(frame.t - target) < Math.abs(current.t - target)) this.slots[slot] = frame;
  }

  /** The chosen frames in time order (a short video fills fewer than 16 slots). */
  picked(): RawFrame[] {
    const chosen = this.durationSeconds ? this.slots.filter((f): f is RawFrame => f !== null) : this.firstFrames;
    return [...new Set(chosen)].sort((a, b) => a.t - b.t);
  }
}

type Size = { width: number; height: number };

async function sideBySide(tiles: Buffer[]): Promise<Buffer> {
  const metas = await Promise.all(tiles.map((t) => sharp(t).metadata()));
  const height = Math.max(...metas.map((m) => m.height ?? 1));
  let left = 0;
  const composite = tiles.map((input, i) => {
    const at = { input, left, top: Math.floor((height - (metas[i]!.height ?? height)) / 2) };
    left += metas[i]!.width ?? 1;
    return at;
  });
  return sharp({ create: { width: left, height, channels: 3, background: '#808080' } })
    .composite(composite)
    .webp({ quality: 75, effort: 0 })
    .toBuffer();
}

const tileOf = (frame: RawFrame, size: Size) =>
  sharp(frame.rgb, { raw: { width: size.width, height: size.height, channels: 3 } })
    .resize({ height: TILE_HEIGHT, width: TILE_HEIGHT * 2, fit: 'inside' })
    .png({ compressionLevel: 1 })
    .toBuffer();

/** The sharp strip and its safe rendition, from the picked frames (raw RGB of `size`). */
export async function renderStrips(frames: RawFrame[], size: Size): Promise<{ strip: Buffer; safe: Buffer }> {
  const tiles = await Promise.all(frames.map((f) => tileOf(f, size)));
  const safeTiles = await Promise.all(tiles.map((t) => renderSafeThumbnail(t)));
  const [strip, safe] = await Promise.all([sideBySide(tiles), sideBySide(safeTiles)]);
  // The composite is in colour space again after joining: make sure no tint of the sharp frames survives.
  return { strip, safe: await sharp(safe).greyscale().webp({ lossless: true, effort: 0 }).toBuffer() };
}

/** A 256 px thumbnail of one frame: the grid's tile for the video, rendered like an image's. */
export const frameThumbnail = (frame: RawFrame, size: Size) =>
  sharp(frame.rgb, { raw: { width: size.width, height: size.height, channels: 3 } })
    .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75, effort: 0 })
    .toBuffer();
