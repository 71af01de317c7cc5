// Safe thumbnails: what the greyscale, blurred rendition costs at ingest, and how fast a grid page of
// 100 thumbnails is served through the real app (login, need-to-know, group-committed audit) when the
// rendition is stored versus made at serve time. Run: node --import tsx bench/thumbnail.bench.ts [count]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startRuntime } from '../server/runtime.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { startAllWorkers } from '../server/workers.ts';
import { buildZip, sha256 } from '../test/fixtures/hostile-export.ts';
import { scenePhoto } from '../test/fixtures/photos.ts';
import { analyseImage } from '../workers/imaging/analyse-image.ts';
import { renderSafeThumbnail } from '../workers/imaging/safe-thumbnail.ts';
import { safeThumbnailKey } from '../workers/ingest/content-store.ts';

const count = Number(process.argv[2]) || 100;
const PASSWORD = 'benchmark password 42';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out = (line: string) => process.stdout.write(`${line}\n`);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

const photos = await Promise.all(Array.from({ length: count }, (_, i) => scenePhoto(1000 + i, 800, 600)));

// At ingest: the rendition beside the analysis that already decodes every image once.
const analyses: number[] = [];
const renders: number[] = [];
for (const photo of photos) {
  const [analyse, image] = await time(() => analyseImage(photo, { limitInputPixels: 50_000_000 }));
  const [render] = await time(() => renderSafeThumbnail(image.thumbnail));
  analyses.push(analyse);
  renders.push(render);
}
out(
  `ingest, ${count} photos of 800×600: analysis p50 ${median(analyses).toFixed(1)} ms, ` +
    `safe rendition +${median(renders).toFixed(2)} ms p50 per image`,
);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-thumb-bench-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
const app = await buildApp(runtime, { serveClient: false });
await startAllWorkers(runtime);
try {
  const { users, cases, ingest } = runtime.services;
  await users.create(SYSTEM_ACTOR, { username: 'bench', unit: 'Amsterdam', role: 'analyst', password: PASSWORD });
  const credentials = { username: 'bench', password: PASSWORD };
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: credentials });
  const cookie = `spoor_session=${login.cookies.find((c) => c.name === 'spoor_session')!.value}`;
  const c = await cases.create(SYSTEM_ACTOR, { number: 'BENCH-THUMBS', title: 'thumbnail bench', unit: 'Amsterdam' });
  await cases.addMember(SYSTEM_ACTOR, c.id, 'bench');
  const zip = buildZip(photos.map((data, i) => ({ name: `dcim/IMG_${i}.jpg`, data })));
  const ev = await ingest.upload(SYSTEM_ACTOR, c.id, { body: Readable.from([zip]), originalName: 'bench.zip' });
  while (!(await ingest.progress(null, ev.id)).done) await new Promise((r) => setTimeout(r, 100));

  const shas = photos.map(sha256);
  const page = async () => {
    const each: number[] = [];
    const [total] = await time(() =>
      Promise.all(
        shas.map(async (sha) => {
          const url = `/api/cases/${c.id}/media/${sha}/thumbnail`;
          const [ms, response] = await time(() => app.inject({ method: 'GET', url, headers: { cookie } }));
          if (response.statusCode !== 200) throw new Error(`thumbnail ${sha}: ${response.statusCode} ${response.body}`);
          each.push(ms);
        }),
      ),
    );
    return `${total.toFixed(0)} ms for the page, p50 ${median(each).toFixed(0)} ms per thumbnail`;
  };
  await page(); // warm the pool and the page cache
  out(`grid page of ${count}, safe renditions stored at ingest: ${await page()}`);
  for (const sha of shas) await runtime.store.delete(safeThumbnailKey(sha));
  out(`grid page of ${count}, safe renditions made at serve time (fallback, then cached): ${await page()}`);
  out(`grid page of ${count}, after the fallback cached them: ${await page()}`);
  out('(every request waits for its group-committed media.thumbnail audit entry: a 120 ms window)');
} finally {
  await app.close();
  await runtime.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
