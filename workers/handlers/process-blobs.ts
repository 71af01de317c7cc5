// blob.process: analyses each pending blob once (type, image hashes, thumbnail, EXIF) and records
// the result; then asks the affected cases to update their near-duplicate groups. Jobs come in batches,
// and a batch reads and writes its rows together: per blob, two queries and a statement trigger less.
import { blobsRepo, type BlobResult } from '../../storage/repositories/blobs.repository.ts';
import { caseTextRepo } from '../../storage/repositories/case-text.repository.ts';
import { analyseBlob, emptyBlobResult } from '../ingest/analyse-blob.ts';
import { enqueue } from '../jobs.ts';
import { requestVideoWork } from '../video/process-video.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

/** Runs `work` over items with at most `limit` in flight (sharp decodes on the libuv pool in parallel). */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * A batch of blob.process jobs: the pending rows in one query, each blob analysed alone (`lanes` at a time),
 * the results written in one statement. Returns each blob's outcome; one that threw has its error.
 */
export async function processBlobs(
  deps: HandlerDeps,
  shas: string[],
  lanes: number,
): Promise<Map<string, HandlerResult | Error>> {
  const blobs = blobsRepo(deps.pool);
  const outcomes = new Map<string, HandlerResult | Error>();
  const pending = await blobs.pendingBySha([...new Set(shas)]);
  for (const sha256 of shas) outcomes.set(sha256, { status: 'skipped', reason: 'deleted or already processed' });
  const results: BlobResult[] = [];
  await forEachLimited(pending, lanes, async (blob) => {
    try {
      results.push(await analyseBlob(deps.store, blob, deps.limits));
    } catch (error) {
      outcomes.set(blob.sha256, error as Error);
    }
  });
  if (results.length > 0) await saveAll(deps, results, outcomes);
  await saveTextVerdicts(deps, results);
  await requestVideoWork(deps, results); // videos get their own, slower stage
  return outcomes;
}

/**
 * The text pre-check's "no text" verdicts reached on this batch's decodes: the OCR stage then passes these images
 * without decoding them again. Unsaved, the stage judges them itself, so a failure here costs time, not text.
 */
async function saveTextVerdicts(deps: HandlerDeps, results: BlobResult[]): Promise<void> {
  const rows = results.flatMap((r) =>
    r.status === 'done' && r.textPrecheck && !r.textPrecheck.textLike
      ? [{ sha256: r.sha256, precheck: r.textPrecheck }]
      : [],
  );
  if (rows.length === 0) return;
  await caseTextRepo(deps.pool)
    .saveNoTextVerdicts(rows)
    .catch((error: Error) =>
      deps.log(`text pre-check verdicts not saved (the OCR stage judges again): ${error.message}`),
    );
}

/** One statement for the batch; if it fails, blob by blob, so one unstorable result cannot fail the others. */
async function saveAll(deps: HandlerDeps, results: BlobResult[], outcomes: Map<string, HandlerResult | Error>) {
  const blobs = blobsRepo(deps.pool);
  try {
    await blobs.saveResults(results);
    for (const r of results) outcomes.set(r.sha256, { status: 'done' });
  } catch {
    for (const r of results) {
      const saved = await blobs.saveResult(r).then(
        () => ({ status: 'done' }) as const,
        (error: Error) => error,
      );
      outcomes.set(r.sha256, saved);
    }
  }
}

/** After the last retry: the blob is recorded as failed with the reason, so nothing waits on it. */
export async function recordBlobFailure(deps: HandlerDeps, sha256: string, error: Error): Promise<void> {
  deps.log(`blob ${sha256} failed after retries: ${error.message}`);
  await blobsRepo(deps.pool).saveResult({
    ...emptyBlobResult(sha256),
    status: 'error',
    decodeError: `processing failed: ${error.message.slice(0, 300)}`,
  });
}

/** After a batch: one grouping, matching and OCR-stage request per case that holds any of these blobs. */
export async function requestGrouping(deps: HandlerDeps, shas: string[]): Promise<void> {
  for (const caseId of await blobsRepo(deps.pool).casesOf(shas)) {
    await enqueue(deps.boss, 'case.group', { caseId });
    await enqueue(deps.boss, 'case.match', { caseId });
    await enqueue(deps.boss, 'case.ocr', { caseId });
  }
}
