// cases.regroup: the one-off migration job (queued by migration 010) after grouping learnt flipped, turned and
// padded copies. A long job (workers/long-job.ts) with its progress on the row, in two steps:
//   1. content hashed before the trimmed-border PDQ existed gets it: one decode per image, as ingest does;
//   2. every case is regrouped from scratch under its grouping lock, so old blobs meet each other's variants.
// Both steps are idempotent: a retry skips checked content and regrouping again writes nothing new.
import type { Readable } from 'node:stream';
import { inTransaction } from '../../storage/db.ts';
import { ObjectNotFound } from '../../storage/object-store/index.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { decodeForHashing, ImageDecodeError } from '../imaging/analyse-image.ts';
import { lumaFromRgba } from '../imaging/pdq.ts';
import { trimmedPdq } from '../imaging/trim-border.ts';
import { blobKey } from '../ingest/content-store.ts';
import { runLongJob, type LongJobContext } from '../long-job.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';
import { groupCaseIn } from './group-case.ts';

export const CASES_REGROUP = 'cases.regroup';

const PAGE = 200;
// Decodes in flight at once: sharp works on the libuv pool, so a few overlap reading with decoding.
const PARALLEL = 4;

type Progress = { blobsToCheck: number; blobsChecked: number; cases: number; casesRegrouped: number };

const readAll = async (stream: Readable): Promise<Buffer> => Buffer.concat(await stream.toArray());

/** The trimmed-border PDQ of one stored image; null when it has no border, or cannot be read or decoded now. */
async function trimmedPdqOf(deps: HandlerDeps, sha256: string) {
  try {
    const decoded = await decodeForHashing(await readAll(await deps.store.get(blobKey(sha256))), {
      limitInputPixels: deps.limits.maxImagePixels,
    });
    const { data, info } = decoded;
    const luma = lumaFromRgba(data, info.width, info.height, info.channels);
    return trimmedPdq(data, info, luma, { width: decoded.width, height: decoded.height });
  } catch (error) {
    if (error instanceof ImageDecodeError || error instanceof ObjectNotFound) return null;
    throw error; // the store or the database is away: the queue retries the job
  }
}

async function checkTrims(deps: HandlerDeps, ctx: LongJobContext, progress: Progress): Promise<void> {
  const repo = blobsRepo(deps.pool);
  progress.blobsToCheck = await repo.trimUncheckedCount();
  for (let after = 0; ;) {
    const page = await repo.trimUncheckedPage(after, PAGE);
    if (page.length === 0) return;
    for (let i = 0; i < page.length; i += PARALLEL) {
      ctx.signal.throwIfAborted();
      await Promise.all(
        page.slice(i, i + PARALLEL).map(async (blob) => {
          await repo.saveTrimmed(blob.sha256, await trimmedPdqOf(deps, blob.sha256));
          progress.blobsChecked++;
        }),
      );
      ctx.report(progress);
    }
    after = page[page.length - 1]!.id;
  }
}

async function regroupAll(deps: HandlerDeps, ctx: LongJobContext, progress: Progress): Promise<number> {
  const repo = nearGroupsRepo(deps.pool);
  progress.cases = await repo.caseCount();
  let changed = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const caseIds = await repo.casePage(after, PAGE);
    if (caseIds.length === 0) return changed;
    for (const caseId of caseIds) {
      ctx.signal.throwIfAborted();
      changed += await inTransaction(deps.pool, (tx) => groupCaseIn(tx, caseId, true));
      await mediaProjectionRepo(deps.pool).drain(caseId);
      progress.casesRegrouped++;
      ctx.report(progress);
    }
    after = caseIds[caseIds.length - 1]!;
  }
}

export function regroupCases(deps: HandlerDeps, jobId: string, signal: AbortSignal): Promise<HandlerResult> {
  const work = async (ctx: LongJobContext) => {
    const progress: Progress = { blobsToCheck: 0, blobsChecked: 0, cases: 0, casesRegrouped: 0 };
    await checkTrims(deps, ctx, progress);
    const membershipsChanged = await regroupAll(deps, ctx, progress);
    ctx.report(progress);
    return { ...progress, membershipsChanged };
  };
  // Nothing to undo on failure: every step already written is correct on its own.
  return runLongJob(deps.pool, jobId, signal, work, async () => undefined);
}
