// case.ocr: the OCR stage of a case's images, after hashing and at lower priority. Each image content is judged by
// the cheap pre-check; text-like ones are read in full (cached by SHA-256 in ocr_results, so content shared with
// other cases or meldingen is read once). The case_text row is the stage's stamp: a rerun reads only what is left.
// Selectors read from the text join the selector index and link the case to meldingen.
import { inTransaction } from '../../storage/db.ts';
import { caseSelectorsRepo } from '../../storage/repositories/case-selectors.repository.ts';
import { caseTextRepo, type ContentTextRow } from '../../storage/repositories/case-text.repository.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { ocrResultsRepo, type OcrResultRow } from '../../storage/repositories/ocr-results.repository.ts';
import { blobKey } from '../ingest/content-store.ts';
import { enqueueLater } from '../jobs.ts';
import { precheckImage, type Precheck } from '../ocr/precheck.ts';
import { readPageAndRegions, REGIONS_VERSION } from '../ocr/read-regions.ts';
import { linkCaseToReports } from '../reports/link-case.ts';
import type { HubPolicy } from '../reports/hub-rule.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';
import { occurrencesInOcrLines, type ExtractionOcr } from './report-selectors.ts';

export type CaseOcrDeps = HandlerDeps & { ocr: ExtractionOcr; hubs?: HubPolicy };

const PAGE = 8;
// While hashing runs the stage waits this long before it looks again.
const RETRY_WHEN_IDLE_SECONDS = 10;
// A word read: two letters or digits at confidence ≥ 60; specks of texture come back as "lll" or "rT" below that.
const countWords = (lines: OcrResultRow['lines']) =>
  lines.reduce(
    (n, l) => n + l.words.filter((w) => w.confidence >= 60 && w.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 2).length,
    0,
  );

async function readBytes(deps: CaseOcrDeps, sha256: string): Promise<Buffer> {
  return Buffer.concat(await (await deps.store.get(blobKey(sha256))).toArray());
}

/** Case media are photographs as often as screenshots: the reading includes the pre-check's regions read alone. */
const engineOf = (deps: CaseOcrDeps) => `${deps.ocr.engineVersion} ${REGIONS_VERSION}`;

/** The full reading, from the cache when this engine version read the same bytes before. */
async function fullReading(
  deps: CaseOcrDeps,
  sha256: string,
  bytes: Buffer,
  precheck: Precheck,
): Promise<OcrResultRow> {
  const cache = ocrResultsRepo(deps.pool);
  const cached = await cache.bySha(sha256);
  if (cached && cached.engine_version === engineOf(deps)) return cached;
  const read = (b: Buffer) => deps.ocr.readImage(b);
  const r = await readPageAndRegions(read, bytes, precheck, deps.limits.maxImagePixels);
  if (r.pageError)
    deps.log(`content ${sha256}: page reading failed (${r.pageError}); its text regions were read alone`);
  const row = {
    sha256,
    engine_version: engineOf(deps),
    text: r.text,
    lines: r.lines,
    width: r.width,
    height: r.height,
  };
  await cache.save(row);
  return row;
}

/** One content's verdict, once across all cases: pre-check, then full OCR when it may hold text. */
async function contentVerdict(deps: CaseOcrDeps, sha256: string): Promise<ContentTextRow> {
  const repo = caseTextRepo(deps.pool);
  const known = await repo.contentBySha(sha256);
  if (known && (known.status !== 'done' || known.engine_version === engineOf(deps))) return known;
  const bytes = await readBytes(deps, sha256);
  const base = { sha256, error: null, words: 0, engine_version: null };
  const failed = (error: unknown): ContentTextRow => ({
    ...base,
    status: 'failed',
    precheck: null,
    error: (error as Error).message.slice(0, 500),
  });
  let verdict: ContentTextRow;
  try {
    // Hashing decoded this content already, so a decoder error here is the image's own (hostile or damaged).
    const precheck = await precheckImage(bytes, deps.limits.maxImagePixels).catch((error: unknown) => error as Error);
    if (precheck instanceof Error) verdict = failed(precheck);
    else if (!precheck.textLike) verdict = { ...base, status: 'no-text', precheck };
    else {
      const reading = await fullReading(deps, sha256, bytes, precheck);
      verdict = {
        ...base,
        status: 'done',
        precheck,
        words: countWords(reading.lines),
        engine_version: reading.engine_version,
      };
    }
  } catch (error) {
    // The image's own problem is recorded and the stage goes on; a stop or a passing fault is retried.
    if (!deps.ocr.isInputError(error)) throw error;
    verdict = failed(error);
  }
  await repo.saveContent(verdict);
  return verdict;
}

/** Stamps the content in this case with its searchable text and the selectors read from it, in one transaction. */
async function recordInCase(deps: CaseOcrDeps, caseId: string, verdict: ContentTextRow): Promise<number> {
  const reading = verdict.status === 'done' ? await ocrResultsRepo(deps.pool).bySha(verdict.sha256) : null;
  const found = reading ? occurrencesInOcrLines(reading.lines) : [];
  const rows = found.map((o) => ({
    type: o.type,
    value: o.value,
    surface: o.surface,
    box: o.box,
    role: o.role,
    platform: o.platform,
    repaired: o.repaired,
  }));
  await inTransaction(deps.pool, async (tx) => {
    await caseSelectorsRepo(tx).replaceFor(caseId, verdict.sha256, rows);
    await caseTextRepo(tx).stampCase(caseId, verdict.sha256, verdict.status);
  });
  return rows.length;
}

export async function readCaseText(deps: CaseOcrDeps, caseId: string): Promise<HandlerResult> {
  if (!(await casesRepo(deps.pool).byId(caseId))) return { status: 'skipped', reason: 'case deleted' };
  const repo = caseTextRepo(deps.pool);
  let read = 0;
  let selectors = 0;
  for (;;) {
    // Hashing, matching and grouping come first: step aside, and come back once they are through.
    if (await repo.ingestBusy()) {
      await enqueueLater(deps.boss, 'case.ocr', { caseId }, RETRY_WHEN_IDLE_SECONDS);
      break;
    }
    const shas = await repo.unreadInCase(caseId, PAGE);
    if (shas.length === 0) break;
    for (const sha256 of shas) selectors += await recordInCase(deps, caseId, await contentVerdict(deps, sha256));
    read += shas.length;
  }
  if (selectors > 0) await linkCaseToReports(deps, caseId);
  return read > 0 ? { status: 'done', reason: `${read} image(s), ${selectors} selector(s)` } : { status: 'skipped' };
}
