// Streams a hash-set file into its set's loading table: parsing and COPY overlap on two connections.
import type { Pool } from '../../storage/db.ts';
import { hashSetsRepo, type EntryInsert } from '../../storage/repositories/hashsets.repository.ts';
import type { HashEntry, HashSetFormat, ReadResult } from '../formats/hash-entry.ts';
import { readHashSet } from '../formats/read-hash-set.ts';

export type LoadOptions = { format?: HashSetFormat; scheme?: string };

const toInsert = (e: HashEntry): EntryInsert => ({
  md5: e.md5,
  sha1: e.sha1,
  sha256: e.sha256,
  pdq: e.pdq,
  photodna: e.photodna,
  category: e.category,
  series: e.series,
  victimIdentified: e.victimIdentified,
  mediaId: e.mediaId,
  raw: e.raw,
});

/**
 * Parses and COPYs in overlap, on two connections: PostgreSQL's COPY is one backend per stream and
 * was the limit, so two streams into the same loading table use both cores.
 */
export async function loadEntries(
  pool: Pool,
  setId: string,
  input: AsyncIterable<Buffer>,
  opts: LoadOptions,
  onProgress: (records: number) => void,
): Promise<ReadResult> {
  const repo = hashSetsRepo(pool);
  const clients = [await pool.connect(), await pool.connect()];
  const lanes: Array<Promise<unknown>> = clients.map(() => Promise.resolve());
  let next = 0;
  try {
    // The loading table is invisible until attached and activated, and a crash leaves the set
    // 'importing' to be imported again, so these sessions need not wait for each WAL flush.
    for (const c of clients) await c.query('SET synchronous_commit = off');
    let records = 0;
    const result = await readHashSet(
      input,
      async (batch) => {
        const lane = next++ % clients.length;
        await lanes[lane];
        lanes[lane] = repo.copyEntries(clients[lane]!, setId, batch.map(toInsert)).then(() => {
          records += batch.length;
          onProgress(records);
        });
        lanes[lane]!.catch(() => undefined); // observed here; rethrown when awaited below
      },
      { format: opts.format, scheme: opts.scheme, batchSize: 5000 },
    );
    await Promise.all(lanes);
    return result;
  } finally {
    await Promise.allSettled(lanes); // never release a client while its COPY is still running
    for (const c of clients) {
      await c.query('RESET synchronous_commit').catch(() => undefined);
      c.release();
    }
  }
}
