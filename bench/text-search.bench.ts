// Text search in case media at the size of a real case: one case of 1M contents (12% text-bearing, generated Dutch
// and English signs, streets and chats) and 20 cases of 50k for the cross-case lookup, loaded into embedded
// PostgreSQL (the grid's synthetic case, then OCR readings and stamps by COPY and the stage's own tsvector SQL).
// Times the in-case search, the grid's text filter and the cross-case lookup through the repositories and services
// the routes use (p50 and max), beside limits measured in the same run; EXPLAIN (ANALYZE, BUFFERS) of any > 500 ms.
// Run: npm run bench:text-search [-- big others otherSize] [--keep]   e.g. -- 1000000 20 50000   (asserts nothing)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { startRuntime, type Runtime } from '../server/runtime.ts';
import { SYSTEM_ACTOR, type Actor } from '../server/services/actor.ts';
import { copyRows } from '../storage/copy-rows.ts';
import type { Queryable } from '../storage/db.ts';
import { caseTextRepo } from '../storage/repositories/case-text.repository.ts';
import { mediaGridRepo } from '../storage/repositories/media-grid.repository.ts';
import { seedSyntheticCase } from '../test/e2e/synthetic-case.ts';
import { NO_FILTERS as noFilters } from '../test/integration/helpers/media-aggregate.ts';
import { COMMON_WORD, ocrLines, ocrText, PHRASE, RARE_WORD, seeded } from './text-corpus.ts';

const [BIG = 1_000_000, OTHERS = 20, OTHER_SIZE = 50_000] = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
// --keep leaves the data folder (its PostgreSQL stopped) for a look at the plans afterwards.
const KEEP = process.argv.includes('--keep');
const RUNS = 7;
const TEXT_SHARE = 0.12;
const SLOW_MS = 500;
const out = (line: string) => process.stdout.write(`${line}\n`);

const sql = {
  contents: 'SELECT DISTINCT blob_sha256 AS sha256 FROM items WHERE case_id = $1',
  stamps: `INSERT INTO case_text (case_id, sha256, status, tsv)
    SELECT $1, p.sha256, CASE WHEN o.sha256 IS NULL THEN 'no-text' ELSE 'done' END,
      nullif(to_tsvector('dutch', o.text) || to_tsvector('english', o.text), ''::tsvector)
    FROM (SELECT DISTINCT blob_sha256 AS sha256 FROM items WHERE case_id = $1) p
    LEFT JOIN ocr_results o ON o.sha256 = p.sha256`,
  // The other cases: contents and one item each, straight after unpacking and hashing (their grid not yet drained).
  evidence: `INSERT INTO evidence (case_id, object_key, sha256, size, original_name, uploaded_by_name, status)
    VALUES ($1::uuid, 'evidence/bench', encode(sha256(convert_to($1::uuid::text, 'UTF8')), 'hex'), 0, 'bench.zip', 'bench',
      'unpacked') RETURNING id`,
  blobs: `INSERT INTO blobs (sha256, md5, sha1, size, status, mime, is_image, width, height, processed_at)
    SELECT encode(sha256(convert_to($1 || ':' || g, 'UTF8')), 'hex'), md5($1 || ':' || g),
      left(encode(sha256(convert_to('sha1:' || $1 || g, 'UTF8')), 'hex'), 40), 1000 + g, 'done', 'image/jpeg', true,
      640, 480, now()
    FROM generate_series(1, $2::int) g`,
  items: `INSERT INTO items (case_id, evidence_id, ordinal, blob_sha256, source_path, file_name, depth)
    SELECT $1, $2, g, encode(sha256(convert_to($3 || ':' || g, 'UTF8')), 'hex'),
      'bench.zip!/dir' || (g % 100) || '/img' || g || '.jpg', 'img' || g || '.jpg', 1
    FROM generate_series(1, $4::int) g`,
};

type Call = { text: string; values: unknown[] };
type Measure = { name: string; p50: number; max: number; target?: number; note?: string; calls: Call[] };

/** A Queryable that remembers the statements a repository sends, so a slow one can be explained afterwards. */
function recording(runtime: Runtime) {
  const calls: Call[] = [];
  const db = {
    query: (text: string, values: unknown[]) => {
      calls.push({ text, values });
      return runtime.pool.query(text, values);
    },
  } as unknown as Queryable;
  return { db, calls };
}

async function time(work: () => Promise<unknown>): Promise<{ p50: number; max: number }> {
  await work(); // warm: plans and pages cached, as on a workbench in use
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS / 2)]!, max: times[RUNS - 1]! };
}

/** Readings for `share` of the case's contents, their stage verdicts, and the stamps with the stage's own vectors. */
async function loadText(runtime: Runtime, caseId: string, seed: number, rare: number) {
  const { pool } = runtime;
  const shas = (await pool.query(sql.contents, [caseId])).rows.map((r: { sha256: string }) => r.sha256);
  const r = seeded(seed);
  const readings = new Map<string, string>();
  for (const sha of shas) if (r.random() < TEXT_SHARE) readings.set(sha, ocrText(r, readings.size < rare));
  const client = await pool.connect();
  try {
    await copyRows(
      client,
      'COPY ocr_results (sha256, engine_version, text, lines, width, height) FROM STDIN',
      [...readings].map(([sha, text]) => [sha, 'bench', text, JSON.stringify(ocrLines(text)), 640, 480]),
    );
    await copyRows(
      client,
      'COPY content_text (sha256, status, precheck, words, engine_version) FROM STDIN',
      shas.map((sha: string) => {
        const text = readings.get(sha);
        const precheck = JSON.stringify({ version: 1, textLike: text !== undefined, lines: 0, ms: 4 });
        return [sha, text ? 'done' : 'no-text', precheck, text ? text.split(/\s+/).length : 0, text ? 'bench' : null];
      }),
    );
  } finally {
    client.release();
  }
  // The vectors exactly as the stage's stampCase computes them, for every content of the case.
  await pool.query(sql.stamps, [caseId]);
  return readings.size;
}

async function loadCase(runtime: Runtime, number: string, unit: string, size: number, seed: number, rare: number) {
  const c = await runtime.services.cases.create(SYSTEM_ACTOR, { number, title: 'text bench', unit });
  const started = performance.now();
  if (size === BIG) await seedSyntheticCase(runtime.pool, c.id, size);
  else await seedLight(runtime, c.id, size);
  const seeded_ = performance.now();
  const texts = await loadText(runtime, c.id, seed, rare);
  const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  const line = `${number}: ${size.toLocaleString('en')} contents in ${s(started, seeded_)} s`;
  out(`${line}, ${texts.toLocaleString('en')} with text in ${s(seeded_, performance.now())} s`);
  return c;
}

async function seedLight(runtime: Runtime, caseId: string, size: number) {
  const evidenceId = (await runtime.pool.query(sql.evidence, [caseId])).rows[0].id as string;
  await runtime.pool.query(sql.blobs, [caseId, size]);
  await runtime.pool.query(sql.items, [caseId, evidenceId, caseId, size]);
}

const TERMS: Array<[string, string]> = [
  ['rare word', RARE_WORD],
  ['common word', COMMON_WORD],
  ['two-word phrase', PHRASE],
  ['prefix (bakk*)', 'bakk*'],
  ['absent word', 'xylofoonwinkel'],
];

async function measureLimits(runtime: Runtime, caseId: string): Promise<Measure[]> {
  const { pool } = runtime;
  const sha = (await pool.query('SELECT sha256 FROM case_text WHERE case_id = $1 LIMIT 1', [caseId])).rows[0].sha256;
  const limits: Array<[string, string, unknown[]]> = [
    [
      'limit: one indexed row (round trip)',
      'SELECT 1 FROM case_text WHERE case_id = $1 AND sha256 = $2',
      [caseId, sha],
    ],
    ['limit: count(*) of the case text rows', 'SELECT count(*) FROM case_text WHERE case_id = $1', [caseId]],
    [
      `limit: bare GIN count, '${COMMON_WORD}' (simple)`,
      "SELECT count(*) FROM case_text WHERE case_id = $1 AND tsv @@ to_tsquery('simple', $2)",
      [caseId, COMMON_WORD],
    ],
    [
      `limit: bare GIN count, '${RARE_WORD}' (simple)`,
      "SELECT count(*) FROM case_text WHERE case_id = $1 AND tsv @@ to_tsquery('simple', lower($2))",
      [caseId, RARE_WORD],
    ],
  ];
  const measures: Measure[] = [];
  for (const [name, text, values] of limits)
    measures.push({ name, ...(await time(() => pool.query(text, values))), calls: [] });
  return measures;
}

async function measureInCase(runtime: Runtime, caseId: string, lead: Actor): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const [label, q] of TERMS) {
    const page = recording(runtime);
    const total = await caseTextRepo(page.db).searchCount(caseId, q);
    page.calls.length = 0;
    const note = `${total.toLocaleString('en')} matches`;
    const search = await time(() => caseTextRepo(page.db).search(caseId, q, '', 50));
    measures.push({ name: `in case, first page of 50: ${label}`, ...search, target: 500, note, calls: page.calls });
    const count = recording(runtime);
    const counted = await time(() => caseTextRepo(count.db).searchCount(caseId, q));
    measures.push({ name: `in case, total: ${label}`, ...counted, calls: count.calls });
    const route = await time(() => runtime.services.caseText.search(lead, caseId, { q, limit: 50 }));
    measures.push({ name: `in case, route (page + total): ${label}`, ...route, target: 500, calls: [] });
  }
  return measures;
}

async function measureGrid(runtime: Runtime, caseId: string, lead: Actor): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const [label, q] of TERMS.slice(0, 3)) {
    const filters = { ...noFilters, text: q };
    const page = recording(runtime);
    const pageTime = await time(() => mediaGridRepo(page.db).page(caseId, 'path', filters, null, 200));
    measures.push({ name: `grid, first page of 200 by path: ${label}`, ...pageTime, target: 500, calls: page.calls });
    const total = recording(runtime);
    const totalTime = await time(() => mediaGridRepo(total.db).total(caseId, filters));
    measures.push({ name: `grid, total: ${label}`, ...totalTime, calls: total.calls });
    const route = await time(() => runtime.services.media.page(lead, caseId, { text: q, limit: 200 }));
    measures.push({ name: `grid, route (page + total): ${label}`, ...route, target: 500, calls: [] });
  }
  return measures;
}

async function measureLookup(runtime: Runtime, lead: Actor): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const [label, q] of TERMS.slice(0, 2)) {
    const rec = recording(runtime);
    const found = await caseTextRepo(rec.db).casesWithText(q, 200);
    rec.calls.length = 0;
    const note = `${found.length} cases, ${found.reduce((n, f) => n + f.n, 0).toLocaleString('en')} contents`;
    const repoTime = await time(() => caseTextRepo(rec.db).casesWithText(q, 200));
    measures.push({ name: `cross-case, cases with text: ${label}`, ...repoTime, note, calls: rec.calls });
    const route = await time(() => runtime.services.caseText.lookup(lead, q));
    measures.push({ name: `cross-case, route (lookup): ${label}`, ...route, target: 500, calls: [] });
  }
  return measures;
}

function print(measures: Measure[]) {
  out(`\n${'ms'.padEnd(52)}${'p50'.padStart(9)}${'max'.padStart(9)}${'target'.padStart(9)}`);
  for (const m of measures) {
    const verdict =
      m.target === undefined ? '' : `${`< ${m.target}`.padStart(9)} ${m.p50 < m.target ? 'met' : 'MISSED'}`;
    const note = m.note ? `  (${m.note})` : '';
    out(`${m.name.padEnd(52)}${m.p50.toFixed(1).padStart(9)}${m.max.toFixed(1).padStart(9)}${verdict}${note}`);
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of every recorded statement of a measure slower than SLOW_MS at p50. */
async function explainSlow(runtime: Runtime, measures: Measure[]) {
  for (const m of measures.filter((x) => x.p50 > SLOW_MS && x.calls.length)) {
    const call = m.calls.at(-1)!;
    const plan = await runtime.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${call.text}`, call.values);
    out(`\n--- ${m.name} (p50 ${m.p50.toFixed(0)} ms)`);
    for (const row of plan.rows as Array<{ 'QUERY PLAN': string }>) {
      const line = row['QUERY PLAN'];
      if (/->|Execution|Planning|Buffers|Rows Removed|Heap Blocks|^\S/.test(line)) out(`  ${line.slice(0, 150)}`);
    }
  }
}

async function loadAll(runtime: Runtime) {
  const units = (await runtime.pool.query('SELECT name FROM units ORDER BY id LIMIT 2')).rows.map(
    (r: { name: string }) => r.name,
  ) as [string, string];
  const started = performance.now();
  const big = await loadCase(runtime, 'BENCH-TEXT-1M', units[0], BIG, 7, 3);
  for (let k = 0; k < OTHERS; k++)
    await loadCase(runtime, `BENCH-TEXT-${k + 1}`, units[k % 2], OTHER_SIZE, 100 + k, k % 5 === 0 ? 2 : 0);
  await runtime.pool.query('VACUUM (ANALYZE) case_text, ocr_results, content_text');
  out(`loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return big;
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-text-bench-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
try {
  const big = await loadAll(runtime);
  // A lead of the big case's unit: opens the cases of that unit; the other unit's cases are hit/no-hit.
  const lead: Actor = { id: null, username: 'bench-lead', role: 'lead', unitId: big.unit_id };
  const measures = [
    ...(await measureLimits(runtime, big.id)),
    ...(await measureInCase(runtime, big.id, lead)),
    ...(await measureGrid(runtime, big.id, lead)),
    ...(await measureLookup(runtime, lead)),
  ];
  print(measures);
  await explainSlow(runtime, measures);
} finally {
  await runtime.stop();
  if (KEEP) out(`kept ${dataDir}`);
  else await fs.rm(dataDir, { recursive: true, force: true });
}
