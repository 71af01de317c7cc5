// blob.process: analyses each pending blob once (type, image hashes, thumbnail, EXIF) and records
// the result; then asks the affected cases to update their near-duplicate groups.
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { analyseBlob } from '../ingest/analyse-blob.ts';
import { enqueue } from '../jobs.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

export async function processBlob(deps: HandlerDeps, sha256: string): Promise<HandlerResult> {
  const blobs = blobsRepo(deps.pool);
  const blob = await blobs.bySha(sha256);
  if (!blob) return { status: 'skipped', reason: 'blob deleted' };
  if (blob.status !== 'pending') return { status: 'skipped', reason: 'already processed' };
  const result = await analyseBlob(deps.store, blob, deps.limits);
  await blobs.saveResult(result);
  return { status: 'done' };
}

/** After the last retry: the blob is recorded as failed with the reason, so nothing waits on it. */
export async function recordBlobFailure(deps: HandlerDeps, sha256: string, error: Error): Promise<void> {
  deps.log(`blob ${sha256} failed after retries: ${error.message}`);
  await blobsRepo(deps.pool).saveResult({
    sha256,
    status: 'error',
    mime: null,
    isImage: false,
    width: null,
    height: null,
    frames: null,
    pdq: null,
    pdqQuality: null,
    pdqDihedral: null,
    blockhash: null,
    exif: null,
    hasThumbnail: false,
    decodeError: `processing failed: ${error.message.slice(0, 300)}`,
  });
}

/** After a batch: one grouping and one matching request per case that holds any of these blobs. */
export async function requestGrouping(deps: HandlerDeps, shas: string[]): Promise<void> {
  for (const caseId of await blobsRepo(deps.pool).casesOf(shas)) {
    await enqueue(deps.boss, 'case.group', { caseId });
    await enqueue(deps.boss, 'case.match', { caseId });
  }
}
