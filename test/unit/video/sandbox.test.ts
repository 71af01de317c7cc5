// The ffmpeg sandbox and the checks before decoding: time limit, output cap, memory limit, refusals with reasons.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVideoLimits } from '../../../workers/video/limits.ts';
import { checkProbe, probeVideo, VideoDecodeError } from '../../../workers/video/probe.ts';
import { runSandboxed, SandboxError } from '../../../workers/video/sandbox.ts';
import { StripPicker } from '../../../workers/video/strip.ts';

const limits = { timeoutMs: 5000, memoryBytes: 256 * 1024 ** 2, maxStdoutBytes: 1024 * 1024 };

describe('runSandboxed', () => {
  it('kills a child that runs past its time limit', async () => {
    const run = runSandboxed('/bin/sleep', ['10'], { ...limits, timeoutMs: 200 });
    await expect(run).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('kills a child that writes more than its output cap', async () => {
    await expect(runSandboxed('/usr/bin/yes', [], { ...limits, maxStdoutBytes: 10_000 })).rejects.toMatchObject({
      reason: 'output-limit',
    });
  });

  it('runs the child under an address-space limit', async () => {
    let out = '';
    await runSandboxed('/bin/sh', ['-c', 'ulimit -v'], limits, { onStdout: (c) => (out += c.toString()) });
    expect(out.trim()).toBe(String(256 * 1024));
  });

  it('says so when the tool is missing', async () => {
    const run = runSandboxed('/nonexistent/ffmpeg', [], limits);
    await expect(run).rejects.toBeInstanceOf(SandboxError);
    await expect(run).rejects.toMatchObject({ reason: 'missing-tool' });
  });
});

describe('refusals before decoding', () => {
  const video = defaultVideoLimits();
  const probe = { codec: 'h264', width: 1920, height: 1080, fps: 25, durationSeconds: 60, format: 'mp4' };

  it('accepts an ordinary video and refuses absurd dimensions, durations and frame rates', () => {
    expect(() => checkProbe(probe, video)).not.toThrow();
    expect(() => checkProbe({ ...probe, width: 100_000, height: 100_000 }, video)).toThrow(/100000×100000 pixels/);
    expect(() => checkProbe({ ...probe, durationSeconds: 10 * 24 * 3600 }, video)).toThrow(/above the limit/);
    expect(() => checkProbe({ ...probe, fps: 100_000 }, video)).toThrow(/frames a second/);
  });

  it('records garbage as not a readable video', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-video-unit-'));
    const file = path.join(dir, 'garbage.mp4');
    await fs.writeFile(file, Buffer.from('ftypisom but then nothing a decoder could use'.repeat(50)));
    try {
      await expect(probeVideo(file, video)).rejects.toBeInstanceOf(VideoDecodeError);
      await expect(probeVideo(file, video)).rejects.toThrow(/not a readable video/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('StripPicker', () => {
  const frame = (t: number) => ({ index: t, t, rgb: Buffer.alloc(0) });

  it('spreads 16 tiles over a long video, nearest the middle of each slot', () => {
    const picker = new StripPicker(64);
    for (let t = 0; t < 64; t++) picker.offer(frame(t));
    expect(picker.picked().map((f) => f.t)).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38, 42, 46, 50, 54, 58, 62]);
  });

  it('keeps every frame of a short video, once', () => {
    const picker = new StripPicker(3);
    for (let t = 0; t < 3; t++) picker.offer(frame(t));
    expect(picker.picked().map((f) => f.t)).toEqual([0, 1, 2]);
  });
});
