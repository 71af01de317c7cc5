// `spoor hash` on a video prints its frame hashes; `spoor items` gives videos their duration, frames and reason.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../fixtures/hostile-export.ts';
import { sourceVideo, truncatedCopy } from '../fixtures/videos.ts';
import { runCli } from './helpers/process.ts';

let tmp: string;
const env = () => ({ SPOOR_DATA_DIR: path.join(tmp, 'data') });

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-video-cli-'));
  await fs.chmod(tmp, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the data dir
  await sourceVideo(path.join(tmp, 'clip.mp4'), { seconds: 3 });
  await truncatedCopy(path.join(tmp, 'clip.mp4'), path.join(tmp, 'cut.mp4'), 0.4);
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe('the CLI and videos', () => {
  it('spoor hash prints pdqFrames for a video', () => {
    const result = runCli(['hash', path.join(tmp, 'clip.mp4'), '--json'], env());
    expect(result.status, result.stderr).toBe(0);
    const [out] = JSON.parse(result.stdout);
    expect(out).toMatchObject({ mime: 'video/mp4', width: 320, height: 240, durationSeconds: 3, error: null });
    expect(out.pdqFrames.map((f: { t: number }) => f.t)).toEqual([0, 1, 2]);
    for (const f of out.pdqFrames)
      expect(f).toEqual({ t: f.t, pdq: expect.stringMatching(/^[0-9a-f]{64}$/), quality: expect.any(Number) });
  });

  it('spoor items gives videos {mime, durationSeconds, width, height, frames, videoError}', async () => {
    const zip = buildZip([
      { name: 'v/clip.mp4', data: await fs.readFile(path.join(tmp, 'clip.mp4')) },
      { name: 'v/cut.mp4', data: await fs.readFile(path.join(tmp, 'cut.mp4')) },
    ]);
    await fs.writeFile(path.join(tmp, 'videos.zip'), zip);
    const ingest = runCli(['ingest', path.join(tmp, 'videos.zip'), '--case', 'VID-CLI-1', '--json'], env());
    expect(ingest.status, ingest.stderr).toBe(0);
    const items = runCli(['items', '--case', 'VID-CLI-1'], env())
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const clip = items.find((i) => i.path.endsWith('clip.mp4'));
    expect(clip).toMatchObject({
      mime: 'video/mp4',
      durationSeconds: 3,
      width: 320,
      height: 240,
      frames: 3,
      videoError: null,
    });
    const cut = items.find((i) => i.path.endsWith('cut.mp4'));
    expect(cut).toMatchObject({
      status: 'error',
      frames: 0,
      videoError: expect.stringMatching(/not a readable video/),
    });
  });
});
