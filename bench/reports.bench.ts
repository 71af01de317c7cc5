// Meldingen linking benchmark: N generated meldingen (default 100k) with S series (default 5k) of one offender
// each, written into PostgreSQL (embedded) with COPY, then linked one by one in arrival order by the real
// linkReport, as extraction does; the last meldingen arrive through the real repositories. Prints the import rate,
// linking time per new melding (p50/p99; target p50 ≤ 20 ms), peak RSS, and beside them the floor measured in the
// same run: a bare indexed SELECT on selector_occurrences (type, value) and a bare round trip.
// Run: npm run bench:reports [-- meldingen series new]   e.g. -- 100000 5000 2000   (asserts nothing)
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { startRuntime, type Runtime } from '../server/runtime.ts';
import { copyRows } from '../storage/copy-rows.ts';
import { inTransaction } from '../storage/db.ts';
import { reportsRepo } from '../storage/repositories/reports.repository.ts';
import {
  selectorOccurrencesRepo,
  type NewOccurrence,
} from '../storage/repositories/selector-occurrences.repository.ts';
import { linkReport, type LinkDeps } from '../workers/reports/link-report.ts';
import { dutchIban } from '../test/fixtures/screenshots.ts';

const [TOTAL = 100_000, SERIES = 5_000, NEW = 2_000] = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const UNITS = 11;
const EMPTY_SHA = createHash('sha256').update('').digest('hex');

type Sel = { type: string; value: string; role: 'offender' | 'unknown' | 'victim' };
type Melding = { id: string; unit: number; number: string; received: string; minor: boolean; selectors: Sel[] };

let seed = 20260042;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

/** One offender's selectors: fictional handles, e-mail at example.com, IBANs of bank ABCD, payment links, phones. */
function offender(k: number): Sel[] {
  const all: Sel[] = [
    { type: 'handle', value: `dader_${k}`, role: 'offender' },
    { type: 'email', value: `s${k}.dader@example.com`, role: 'unknown' },
    { type: 'iban', value: dutchIban('ABCD', String(k)), role: 'unknown' },
    { type: 'url', value: `pay.example.com/t/s${k}`, role: 'unknown' },
  ];
  if (k < 1000) all.push({ type: 'phone', value: `+31612345${String(k).padStart(3, '0')}`, role: 'offender' });
  return all
    .filter(() => random() < 0.6)
    .slice(0, 3)
    .concat(all[0]!)
    .slice(0, 3);
}

/** What every melding may also carry: a public number (never links) and the victim's own address (never links). */
function extras(i: number): Sel[] {
  const out: Sel[] = [];
  if (random() < 0.5)
    out.push({ type: 'phone', value: pick(['+319008844', '+31887867372', '+319000101']), role: 'unknown' });
  if (random() < 0.3) out.push({ type: 'email', value: `slachtoffer${i}@example.nl`, role: 'victim' });
  return out;
}

function generate(): Melding[] {
  const meldingen: Melding[] = [];
  for (let k = 0; k < SERIES; k++) {
    const selectors = offender(k);
    const units = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 1 + Math.floor(random() * UNITS));
    const size = Math.min(40, 2 + Math.floor(-Math.log(1 - random()) * 4));
    for (let j = 0; j < size; j++) {
      const own = selectors.filter(() => random() < 0.7);
      meldingen.push({
        id: '',
        unit: pick(units),
        number: '',
        received: '',
        minor: random() < 0.3,
        selectors: own.length ? own : [selectors[0]!],
      });
    }
  }
  for (let i = meldingen.length; i < TOTAL; i++) {
    const solo: Sel[] = [{ type: 'handle', value: `solo_${i}`, role: 'unknown' }];
    if (random() < 0.5) solo.push({ type: 'email', value: `solo${i}@example.nl`, role: 'unknown' });
    meldingen.push({
      id: '',
      unit: 1 + Math.floor(random() * UNITS),
      number: '',
      received: '',
      minor: random() < 0.3,
      selectors: solo,
    });
  }
  for (let i = meldingen.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [meldingen[i], meldingen[j]] = [meldingen[j]!, meldingen[i]!];
  }
  const start = Date.parse('2025-01-01T00:00:00Z');
  return meldingen.slice(0, TOTAL).map((m, i) => ({
    ...m,
    id: randomUUID(),
    number: `B-${String(i).padStart(7, '0')}`,
    received: new Date(start + Math.floor((i / TOTAL) * 700) * 86_400_000).toISOString().slice(0, 10),
    selectors: [...m.selectors, ...extras(i)],
  }));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const spread = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}`;
};
const rate = (rows: number, seconds: number) =>
  `${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`;

const REPORT_COLUMNS =
  'id, unit_id, number, received, victim_minor, aangifte, body, body_sha256, created_by_name, status, extracted_at';
const reportRow = (m: Melding) => [
  m.id,
  m.unit,
  m.number,
  m.received,
  m.minor,
  false,
  '',
  EMPTY_SHA,
  'bench',
  'done',
  m.received,
];
const occurrenceRows = (base: Melding[]) =>
  base.flatMap((m) => m.selectors.map((s) => [m.id, s.type, s.value, s.value, 'text', s.role]));

/** COPY of the base meldingen and their occurrences into the real tables (constraints, five indexes). */
async function bulkImport(rt: Runtime, base: Melding[]) {
  const started = performance.now();
  const client = await rt.pool.connect();
  const occurrences = occurrenceRows(base);
  try {
    await copyRows(client, `COPY reports (${REPORT_COLUMNS}) FROM STDIN`, base.map(reportRow));
    const columns = 'report_id, type, value, surface, source, role';
    await copyRows(client, `COPY selector_occurrences (${columns}) FROM STDIN`, occurrences);
    await client.query('ANALYZE reports; ANALYZE selector_occurrences');
  } finally {
    client.release();
  }
  return { rows: base.length + occurrences.length, seconds: (performance.now() - started) / 1000 };
}

/** The limit for the import: the same occurrence rows by COPY into a bare table without indexes or checks. */
async function copyFloor(rt: Runtime, base: Melding[]) {
  const client = await rt.pool.connect();
  const occurrences = occurrenceRows(base);
  try {
    await client.query(
      'CREATE TEMP TABLE occ_floor (report_id uuid, type text, value text, surface text, source text, role text)',
    );
    const started = performance.now();
    await copyRows(client, 'COPY occ_floor FROM STDIN', occurrences);
    return { rows: occurrences.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.query('DROP TABLE IF EXISTS occ_floor');
    client.release();
  }
}

/** A melding arriving the way extraction stores it: the row, its occurrences, then linking (timed alone). */
async function arrive(rt: Runtime, deps: LinkDeps, m: Melding): Promise<number> {
  const report = { unitId: m.unit, number: m.number, received: m.received, offence: 'sextortion' as const };
  const id = (await reportsRepo(rt.pool).insert({
    ...report,
    victimMinor: m.minor,
    aangifte: false,
    body: '',
    bodySha256: EMPTY_SHA,
    createdBy: null,
    createdByName: 'bench',
  }))!;
  const rows: NewOccurrence[] = m.selectors.map((s) => ({
    type: s.type,
    value: s.value,
    surface: s.value,
    source: 'text',
    attachment_id: null,
    start_offset: null,
    end_offset: null,
    box: null,
    role: s.role,
    platform: null,
    seen_at: null,
    repaired: false,
  }));
  await inTransaction(rt.pool, (tx) => selectorOccurrencesRepo(tx).replaceForReport(id, rows));
  const t = performance.now();
  await linkReport(deps, id);
  return performance.now() - t;
}

/** The limit for linking: one indexed SELECT on (type, value), and a bare round trip, through the same pool. */
async function floor(rt: Runtime, sample: Melding[]) {
  const indexed: number[] = [];
  const bare: number[] = [];
  for (const m of sample) {
    const s = m.selectors[0]!;
    let t = performance.now();
    await rt.pool.query('SELECT report_id FROM selector_occurrences WHERE type = $1 AND value = $2', [s.type, s.value]);
    indexed.push(performance.now() - t);
    t = performance.now();
    await rt.pool.query('SELECT 1');
    bare.push(performance.now() - t);
  }
  return { indexed, bare };
}

async function linkAll(deps: LinkDeps, base: Melding[]) {
  const times: number[] = [];
  const started = performance.now();
  for (const m of base) {
    const t = performance.now();
    await linkReport(deps, m.id);
    times.push(performance.now() - t);
  }
  return { times, seconds: (performance.now() - started) / 1000 };
}

async function run(rt: Runtime) {
  const all = generate();
  const [base, fresh] = [all.slice(0, TOTAL - NEW), all.slice(TOTAL - NEW)];
  console.log(`${TOTAL} meldingen (${SERIES} series), ${all.reduce((n, m) => n + m.selectors.length, 0)} occurrences`);
  const imported = await bulkImport(rt, base);
  console.log(`import, COPY into reports + selector_occurrences: ${rate(imported.rows, imported.seconds)}`);
  const bare = await copyFloor(rt, base);
  console.log(`  limit, the same occurrences by COPY into a table without indexes: ${rate(bare.rows, bare.seconds)}`);
  const deps: LinkDeps = { pool: rt.pool, auditKey: rt.services.audit.key, hubs: rt.config.hubs };
  const linked = await linkAll(deps, base);
  console.log(
    `linking the ${base.length} imported one by one: ${linked.seconds.toFixed(1)} s, ${spread(linked.times)}`,
  );
  const times: number[] = [];
  for (const m of fresh) times.push(await arrive(rt, deps, m));
  console.log(`linking a new melding (the last ${NEW}, full database): ${spread(times)}  (target p50 ≤ 20 ms)`);
  const limit = await floor(rt, fresh.slice(0, 1000));
  console.log(
    `  limit, an indexed SELECT on (type, value): ${spread(limit.indexed)}; a bare round trip: ${spread(limit.bare)}`,
  );
  const counts = (
    await rt.pool.query(`SELECT (SELECT count(*) FROM report_links)::int AS links,
      (SELECT count(DISTINCT cluster_id) FROM reports WHERE cluster_id IS NOT NULL)::int AS clusters,
      (SELECT count(*) FROM signals)::int AS signals, (SELECT count(*) FROM selector_hubs)::int AS hubs`)
  ).rows[0];
  console.log(
    `found: ${counts.links} links, ${counts.clusters} clusters, ${counts.signals} signals, ${counts.hubs} hubs`,
  );
  console.log(
    `peak RSS of this process (PostgreSQL runs apart): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-bench-reports-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
try {
  await run(runtime);
} finally {
  await runtime.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
