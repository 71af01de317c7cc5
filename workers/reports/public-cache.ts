// The public-selector list as linking reads it: once per process and version. The version is read with the linking
// lock, after any administrator's edit has committed, so a cached list is never older than the lock holder's view.
import type { Pool, Queryable } from '../../storage/db.ts';
import { publicSelectorsRepo, type PublicSelectorRow } from '../../storage/repositories/public-selectors.repository.ts';

const cached = new WeakMap<Pool, { version: string; list: PublicSelectorRow[] }>();
const versions = new WeakMap<Queryable, string>();

/** Remembers the version read with the lock on this transaction's client (until the next lock on it). */
export const noteVersion = (tx: Queryable, version: string) => versions.set(tx, version);
export const forgetVersion = (tx: Queryable) => versions.delete(tx);

/** The active public list; read again when the version seen under the lock differs, or is unknown. */
export async function publicList(tx: Queryable, pool: Pool): Promise<PublicSelectorRow[]> {
  const version = versions.get(tx);
  const hit = cached.get(pool);
  if (version !== undefined && hit?.version === version) return hit.list;
  const list = await publicSelectorsRepo(tx).active();
  if (version !== undefined) cached.set(pool, { version, list });
  return list;
}
