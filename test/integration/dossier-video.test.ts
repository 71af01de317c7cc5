// The dossier counts videos apart (issue 14): per category and among the uncategorised, the video files beside all
// files, in the CLI's JSON and in the PDF's summary column "waarvan video's"; the reconciliation still adds up and
// two generations stay byte-identical. Photos by sharp, videos by the packaged ffmpeg: never real imagery.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { sourceVideo } from '../fixtures/videos.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
let env: TestEnv;
let tmp: string;
let cookie: string;
const cli = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });

async function videosAnalysed(n: number) {
  for (let i = 0; (await env.runtime.pool.query('SELECT count(*)::int AS n FROM blob_videos')).rows[0].n < n; i++) {
    if (i > 600) throw new Error('the videos were not analysed in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-dossier-video-'));
  const clip = await fs.readFile(await sourceVideo(path.join(tmp, 'clip.mp4'), { seconds: 2 }));
  const pattern = path.join(tmp, 'pattern.mp4');
  const other = await fs.readFile(await sourceVideo(pattern, { seconds: 1, source: 'testsrc2=s=160x120:r=10' }));
  const photos = await Promise.all([0, 1].map((i) => scenePhoto(700 + i, 320, 240)));
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  cookie = await login(env, 'ana');
  const api = (method: 'POST', url: string, payload: unknown) =>
    env.app.inject({ method, url, headers: { cookie }, payload: payload as never });
  const caseId = (await api('POST', '/api/cases', { number: 'DOSV-1', title: 'Video in het dossier' })).json().id;
  const zip = buildZip([
    { name: 'dcim/0.jpg', data: photos[0]! },
    { name: 'dcim/1.jpg', data: photos[1]! },
    { name: 'films/clip.mp4', data: clip },
    { name: 'kopie/clip.mp4', data: clip }, // the same video twice: two files, one content
    { name: 'films/patroon.mp4', data: other },
  ]);
  const upload = await uploadEvidence(env, cookie, caseId, 'telefoon.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  await videosAnalysed(2);
  const manual = { sha256s: [hashBuffer(clip).sha256, hashBuffer(photos[0]!).sha256], category: '1', scheme: 'vics2' };
  expect((await api('POST', `/api/cases/${caseId}/media/categorise`, manual)).statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  await env?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('a dossier of a case with videos', () => {
  it('counts the video files per category and among the uncategorised, reproducibly', async () => {
    const [first, second] = [path.join(tmp, 'eerste'), path.join(tmp, 'tweede')];
    const runs = [cli('dossier', '--case', 'DOSV-1', '--out', first, '--json')];
    runs.push(cli('dossier', '--case', 'DOSV-1', '--out', second, '--json'));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    for (const name of await fs.readdir(first)) {
      const [a, b] = [await fs.readFile(path.join(first, name)), await fs.readFile(path.join(second, name))];
      expect(Buffer.compare(a, b), name).toBe(0);
    }
    const c = JSON.parse(runs[0]!.stdout).counts;
    expect(c).toEqual({
      files: 5,
      unique: 4,
      byCategory: { '1': { unique: 2, files: 3, known: 0, videos: 2 } },
      uncategorised: 2,
      uncategorisedVideos: 1,
      errors: 0,
    });
    const categorised = Object.values(c.byCategory as Record<string, { files: number }>).reduce(
      (s, x) => s + x.files,
      0,
    );
    expect(categorised + c.uncategorised + c.errors).toBe(c.files);

    if (!hasPoppler) return;
    const text = execFileSync('pdftotext', ['-layout', path.join(first, 'dossier.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/waarvan video's/);
    expect(text).toMatch(/Categorie 1 totaal\s+2 uniek, 3 bestanden, waarvan 0 bekend\s+2\n/);
    expect(text).toMatch(/Niet gecategoriseerd \(bestanden\)\s+2\s+1\n/);
    expect(text).toMatch(/Waarvan video's \(bestanden\)\s+3/);
  }, 180_000);
});
