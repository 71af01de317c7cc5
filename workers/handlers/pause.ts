// A passing storage fault (full disk, I/O hiccup, store briefly away) pauses the work instead of failing it:
// the row says why, and a resume (by itself once the store is writable again, or by an operator) continues it.
import { classifyFault, type FaultReason } from '../../storage/object-store/faults.ts';
import { pausesRepo } from '../../storage/repositories/pauses.repository.ts';
import type { HandlerDeps } from './deps.ts';

/** A full disk pauses at once (a quick retry cannot help); other faults get the queue's quick retries first. */
function pauseReasonFor(error: unknown, finalAttempt: boolean): FaultReason | null {
  const reason = classifyFault(error);
  return reason && (reason === 'disk-full' || finalAttempt) ? reason : null;
}

/** True when the unpack was paused (the job ends quietly); false when the error is the job's to handle. */
export async function pauseUnpackOnFault(deps: HandlerDeps, evidenceId: string, error: unknown, final: boolean) {
  const reason = pauseReasonFor(error, final);
  if (!reason) return false;
  await pausesRepo(deps.pool).pauseUnpack(evidenceId, reason);
  deps.log(`evidence ${evidenceId}: unpacking paused (${reason}): ${(error as Error).message}`);
  return true;
}

/** The same for one blob's processing: it stays pending, marked paused, and so do the evidences holding it. */
export async function pauseBlobOnFault(deps: HandlerDeps, sha256: string, error: unknown, final: boolean) {
  const reason = pauseReasonFor(error, final);
  if (!reason) return false;
  // Logged once per evidence it pauses, not once for each of its thousands of files.
  if ((await pausesRepo(deps.pool).pauseBlob(sha256, reason)) > 0) {
    deps.log(`processing paused (${reason}) at blob ${sha256}: ${(error as Error).message}`);
  }
  return true;
}
