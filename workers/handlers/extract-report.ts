// `report.extract`: the selectors of one melding, from its text and from the OCR of its image attachments (read
// once per content and engine version: ocr_results), stored as a whole in one transaction, then linked. The status
// stamp on the reports row makes a rerun of a finished melding a no-op; a retry replaces, never duplicates.
import { inTransaction } from '../../storage/db.ts';
import { ocrResultsRepo, type OcrResultRow } from '../../storage/repositories/ocr-results.repository.ts';
import { reportAttachmentsRepo, type AttachmentRow } from '../../storage/repositories/report-attachments.repository.ts';
import { reportsRepo } from '../../storage/repositories/reports.repository.ts';
import {
  selectorOccurrencesRepo,
  type NewOccurrence,
} from '../../storage/repositories/selector-occurrences.repository.ts';
import { attachmentKey } from '../ingest/content-store.ts';
import { isImageMime } from '../ingest/file-type.ts';
import type { HubPolicy } from '../reports/hub-rule.ts';
import { linkReportToCases } from '../reports/link-case.ts';
import { linkReport } from '../reports/link-report.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';
import { occurrencesInOcrLines, occurrencesInText, type ExtractionOcr } from './report-selectors.ts';

/** `hubs`: SPOOR_HUB_REPORTS / SPOOR_HUB_UNITS (absent: the linking defaults). */
export type ExtractDeps = HandlerDeps & { ocr: ExtractionOcr; hubs?: HubPolicy };

const PDF_NOT_READ = 'PDF: stored as evidence, not read (OCR is for images only)';

/** The attachment's reading: from the cache when this engine version read the same bytes before. */
async function readingOf(deps: ExtractDeps, sha256: string): Promise<OcrResultRow> {
  const cache = ocrResultsRepo(deps.pool);
  const cached = await cache.bySha(sha256);
  if (cached && cached.engine_version === deps.ocr.engineVersion) return cached;
  const bytes = Buffer.concat(await (await deps.store.get(attachmentKey(sha256))).toArray());
  const r = await deps.ocr.readImage(bytes);
  const row = {
    sha256,
    engine_version: r.engineVersion,
    text: r.text,
    lines: r.lines,
    width: r.width,
    height: r.height,
  };
  await cache.save(row);
  return row;
}

async function attachmentOccurrences(deps: ExtractDeps, a: AttachmentRow): Promise<NewOccurrence[]> {
  const repo = reportAttachmentsRepo(deps.pool);
  if (!isImageMime(a.mime)) {
    await repo.setOcr(a.id, 'skipped', a.mime === 'application/pdf' ? PDF_NOT_READ : `not an image (${a.mime})`);
    return [];
  }
  let reading: OcrResultRow;
  try {
    reading = await readingOf(deps, a.sha256);
  } catch (error) {
    // A damaged or hostile image is this attachment's problem, recorded on it; anything else is retried.
    if (!deps.ocr.isInputError(error)) throw error;
    await repo.setOcr(a.id, 'failed', (error as Error).message.slice(0, 500));
    return [];
  }
  await repo.setOcr(a.id, 'done');
  return occurrencesInOcrLines(reading.lines).map((o) => ({ ...o, source: 'attachment', attachment_id: Number(a.id) }));
}

export async function extractReport(deps: ExtractDeps, reportId: string): Promise<HandlerResult> {
  const reports = reportsRepo(deps.pool);
  const report = await reports.byId(reportId);
  if (!report) return { status: 'skipped', reason: 'melding no longer exists' };
  if (!(await reports.markExtracting(reportId))) return { status: 'skipped', reason: `already ${report.status}` };
  const found = occurrencesInText(report.body).map((o): NewOccurrence => ({
    ...o,
    source: 'text',
    attachment_id: null,
  }));
  for (const a of await reportAttachmentsRepo(deps.pool).forReport(reportId)) {
    found.push(...(await attachmentOccurrences(deps, a)));
  }
  await inTransaction(deps.pool, (tx) => selectorOccurrencesRepo(tx).replaceForReport(reportId, found));
  // Linked before 'done', so whoever waits for 'done' (the import) sees it linked; a retry links again, no harm.
  await linkReport(deps, reportId);
  // A melding extracted after a case was read meets that case here (the case side links in case.ocr).
  await linkReportToCases(deps, reportId);
  await reports.markDone(reportId);
  return { status: 'done', reason: `${found.length} selector occurrence(s)` };
}

/** After the last retry the melding must not stay 'extracting' for ever: the reason goes on its row. */
export async function recordExtractFailure(deps: HandlerDeps, reportId: string, error: Error): Promise<void> {
  await reportsRepo(deps.pool).markFailed(reportId, {
    nl: `Het uitlezen van de melding is mislukt: ${error.message.slice(0, 300)}. Upload een bijlage opnieuw of waarschuw de beheerder.`,
    en: `Reading the melding failed: ${error.message.slice(0, 300)}. Upload an attachment again or tell the administrator.`,
  });
}
