// Video throughput: seconds of video Spoor processes per second of one core (sandboxed ffmpeg sampling 1 fps plus
// scene changes, PDQ of every sampled frame, the strip and the tile), against the raw decode rate of the same files
// by the same ffmpeg on one thread (`-f null`), measured in the same run. CPU time is this process's plus its reaped
// children's (ffmpeg), from /proc/self/stat, so the figures are per core whatever else the machine does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sourceVideo } from '../test/fixtures/videos.ts';
import { analyseVideo } from '../workers/video/analyse-video.ts';
import { defaultVideoLimits } from '../workers/video/limits.ts';

const run = promisify(execFile);
const SECONDS = Number(process.argv[2] ?? 20);
const SOURCES = [
  'mandelbrot=s=640x360:r=25',
  'testsrc2=s=640x360:r=25',
  'life=s=640x360:r=25:mold=10:ratio=0.5',
  'mandelbrot=s=1280x720:r=30:start_scale=2',
];

/** CPU seconds of this process and its reaped children (utime + stime + cutime + cstime). */
function cpuSeconds(): number {
  const text = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
}

async function measure(label: string, work: () => Promise<void>, videoSeconds: number) {
  const [wall0, cpu0] = [performance.now(), cpuSeconds()];
  await work();
  const wall = (performance.now() - wall0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  const perCore = videoSeconds / cpu;
  process.stdout.write(
    `${label.padEnd(34)} ${videoSeconds.toFixed(0)} s of video in ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU: ` +
      `${perCore.toFixed(1)} s of video per CPU-second (${(videoSeconds / wall).toFixed(1)}× real time)\n`,
  );
  return perCore;
}

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'spoor-video-bench-'));
  const limits = defaultVideoLimits();
  try {
    const files: string[] = [];
    for (const [i, source] of SOURCES.entries())
      files.push(await sourceVideo(path.join(dir, `clip-${i}.mp4`), { seconds: SECONDS, source }));
    const total = SECONDS * files.length;
    process.stdout.write(
      `${files.length} H.264 clips of ${SECONDS} s (640×360 and 1280×720), ffmpeg ${limits.ffmpegPath}\n`,
    );
    await analyseVideo(files[0]!, limits); // warm-up: module loading and the first sharp pipeline
    const raw = await measure(
      'raw decode (ffmpeg -threads 1)',
      async () => {
        for (const f of files)
          await run(limits.ffmpegPath, ['-nostdin', '-threads', '1', '-i', f, '-map', '0:v:0', '-f', 'null', '-']);
      },
      total,
    );
    const spoor = await measure(
      'Spoor (frames, PDQ, strip, tile)',
      async () => {
        for (const f of files) await analyseVideo(f, limits);
      },
      total,
    );
    process.stdout.write(
      `Spoor processes video at ${((spoor / raw) * 100).toFixed(0)}% of the raw decode rate per core\n`,
    );
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

await main();
