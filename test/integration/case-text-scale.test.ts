// The grid's filter on recognised text (OCR, migration 014) at scale: on a synthetic case of 10k contents with
// readings stamped through the OCR stage's own repositories, every page and total of the text filter, alone and
// with path text, another filter and a cursor, equals the rows the readings say; and a rare word's page and total
// read only what they return instead of testing every row of the case (bench/text-search.bench.ts measures 1M).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { caseTextRepo } from '../../storage/repositories/case-text.repository.ts';
import {
  mediaGridRepo,
  type MediaFilterParams,
  type MediaRow,
  type MediaSort,
} from '../../storage/repositories/media-grid.repository.ts';
import { ocrResultsRepo } from '../../storage/repositories/ocr-results.repository.ts';
import { seedSyntheticCase } from '../e2e/synthetic-case.ts';
import { explainingPool } from './helpers/explaining-pool.ts';
import { NO_FILTERS as none } from './helpers/media-aggregate.ts';
import { createTestEnv, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
let all: MediaRow[] = [];
const rare = new Set<string>();
const common = new Set<string>();

/** Reads and stamps one content as the OCR stage does: the reading cached by content, the case's vectors from it. */
async function read(sha256: string, text: string) {
  await ocrResultsRepo(env.runtime.pool).save({ sha256, engine_version: 'test', text, lines: [], width: 1, height: 1 });
  await caseTextRepo(env.runtime.pool).stampCase(caseId, sha256, 'done');
}

/** Every row of a filter, page by page along the cursor, as the grid walks it. */
async function walk(sort: MediaSort, f: MediaFilterParams, limit: number) {
  const rows: MediaRow[] = [];
  for (let after: { key: string; sha256: string } | null = null; ;) {
    const page = await mediaGridRepo(env.runtime.pool).page(caseId, sort, f, after, limit);
    rows.push(...page);
    if (page.length < limit) return rows;
    after = { key: page.at(-1)!.cursor_key, sha256: page.at(-1)!.sha256 };
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  const unit = (await env.runtime.pool.query('SELECT name FROM units ORDER BY id LIMIT 1')).rows[0].name as string;
  const c = await env.runtime.services.cases.create(SYSTEM_ACTOR, { number: 'TXT-SCALE-10K', title: 'scale', unit });
  caseId = c.id;
  await seedSyntheticCase(env.runtime.pool, caseId, 10_000);
  all = await walk('path', none, 20_000);
  for (const [i, row] of all.entries()) {
    if (i % 3000 === 7) rare.add(row.sha256);
    if (i % 23 === 0) common.add(row.sha256);
  }
  for (const sha of common) await read(sha, 'wolf_gamer12: hoi\nwolf_gamer12: bel me op 06-12345012');
  for (const sha of rare) await read(sha, 'Bakkerij De Zonnebloem\nZilverreigerhof 12');
  const textFree = all.slice(0, 400).filter((r) => !common.has(r.sha256) && !rare.has(r.sha256));
  for (const row of textFree) await caseTextRepo(env.runtime.pool).stampCase(caseId, row.sha256, 'no-text');
  await env.runtime.pool.query('VACUUM (ANALYZE) case_text, media_projection');
}, 300_000);

afterAll(async () => {
  await env?.close();
});

describe('the grid filtered by recognised text in a large case', () => {
  it('pages and counts exactly the matching media, alone and with path text, a filter and a cursor', async () => {
    const grid = mediaGridRepo(env.runtime.pool);
    const expectFilter = async (f: MediaFilterParams, want: (r: MediaRow) => boolean) => {
      const expected = all.filter(want).map((r) => r.sha256);
      expect(expected.length).toBeGreaterThan(0);
      expect((await walk('path', f, 37)).map((r) => r.sha256)).toEqual(expected);
      expect((await walk('date', f, 50)).map((r) => r.sha256).sort()).toEqual([...expected].sort());
      expect(await grid.total(caseId, f)).toBe(expected.length);
    };
    await expectFilter({ ...none, text: 'hoi' }, (r) => common.has(r.sha256));
    await expectFilter({ ...none, text: 'Zilverreigerhof' }, (r) => rare.has(r.sha256));
    await expectFilter({ ...none, text: '"bakkerij de zonnebloem"' }, (r) => rare.has(r.sha256));
    await expectFilter(
      { ...none, text: 'hoi', mime: 'image/png' },
      (r) => common.has(r.sha256) && r.mime === 'image/png',
    );
    await expectFilter(
      { ...none, text: 'hoi', pathLike: '%/dir042/%' },
      (r) => common.has(r.sha256) && r.first_path.includes('/dir042/'),
    );
    expect(await grid.total(caseId, { ...none, text: 'xylofoonwinkel' })).toBe(0);
    expect(await grid.page(caseId, 'path', { ...none, text: 'xylofoonwinkel' }, null, 200)).toEqual([]);
  });

  it("reads for a rare word's page and total only what they return, not every row of the case", async () => {
    const client = await env.runtime.pool.connect();
    try {
      const probe = explainingPool(client);
      const grid = mediaGridRepo(probe.pool);
      const f = { ...none, text: 'Zilverreigerhof' };
      const steps: Record<string, () => Promise<number>> = {
        'first page': async () => (await grid.page(caseId, 'path', f, null, 200)).length,
        total: async () => (await grid.total(caseId, f), 0),
      };
      for (const work of Object.values(steps)) await work();
      for (const [name, work] of Object.entries(steps)) {
        const returned = await probe.measure(name, work);
        // A test of every row reads the whole path index and projection: over 1,000 buffers at 10k.
        expect(probe.tally[name], `${name}: ${JSON.stringify(probe.tally)}`).toBeLessThanOrEqual(returned * 4 + 60);
      }
    } finally {
      client.release();
    }
  });
});
