// Meldingen of a generated scenario, registered through the real API and extracted by the real job (text selectors,
// then linking), one at a time in arrival order, so the clusters and signals that follow are deterministic.
import type { FastifyInstance } from 'fastify';
import { extractReport, type ExtractDeps } from '../../../workers/handlers/extract-report.ts';
import { lazyOcrReader } from '../../../workers/handlers/ocr-reader.ts';
import type { ScenarioMelding } from '../../fixtures/report-scenario.ts';
import type { TestEnv } from './runtime.ts';

/** The day recency is counted from, so priorities do not drift with the calendar. */
const TODAY = '2026-12-01';

export type Extractor = { run: (id: string) => Promise<void>; close: () => Promise<void> };

/** The real extraction job; its OCR starts only if a melding has an image (these have none). */
export function extractor(env: TestEnv): Extractor {
  const ocr = lazyOcrReader({ workers: 1, dataDir: env.dataDir });
  const { pool, store, boss } = env.runtime;
  const deps: ExtractDeps & { today: () => string } = {
    pool,
    store,
    boss,
    limits: env.config.ingest,
    log: () => undefined,
    auditKey: env.runtime.services.audit.key,
    ocr,
    hubs: env.config.hubs,
    today: () => TODAY,
  };
  return {
    run: async (id) => {
      const outcome = await extractReport(deps, id);
      if (outcome.status !== 'done') throw new Error(`extraction of ${id}: ${outcome.status} ${outcome.reason}`);
    },
    close: () => ocr.close(),
  };
}

/** Registers each melding for its unit (as an administrator) and extracts it; returns ids by number. */
export async function registerAll(
  app: FastifyInstance,
  adminCookie: string,
  run: Extractor['run'],
  meldingen: readonly ScenarioMelding[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of meldingen) {
    const payload = {
      number: s.number,
      received: s.received,
      offence: 'sextortion',
      victimMinor: s.victimMinor,
      aangifte: false,
      text: s.text,
      unit: s.unit,
    };
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload, headers: { cookie: adminCookie } });
    if (res.statusCode !== 201) throw new Error(`register ${s.number}: ${res.statusCode} ${res.body}`);
    const id = (res.json() as { id: string }).id;
    ids.set(s.number, id);
    await run(id);
  }
  return ids;
}
