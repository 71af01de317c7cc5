// Hash sets (known material): streaming import of VICS / lists / CSV into a new version, an atomic
// swap to that version, and a background re-match of existing cases so "known now" updates.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { hashSetsRepo, type HashSetRow } from '../../storage/repositories/hashsets.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { HashSetFormatError, type HashEntry, type HashSetFormat } from '../../workers/formats/hash-entry.ts';
import { readHashSet } from '../../workers/formats/read-hash-set.ts';
import { enqueue } from '../../workers/jobs.ts';
import { BadInput, Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export type ImportOptions = {
  name: string; version?: string; format?: HashSetFormat; source?: string; visibility?: 'national' | 'unit'; unit?: string; radius?: number; scheme?: string;
};
export type ImportResult = { name: string; version: string; entries: number; skipped: Array<{ position: string; reason: string }>; skippedCount: number; seconds: number; setId: string };
export type ImportProgress = { status: 'running' | 'done' | 'failed'; records: number; entries: number; error: string | null; result: ImportResult | null };

const toInsert = (e: HashEntry) => ({ md5: e.md5, sha1: e.sha1, sha256: e.sha256, pdq: e.pdq, photodna: e.photodna, category: e.category,
  series: e.series, victimIdentified: e.victimIdentified, mediaId: e.mediaId, raw: e.raw });

export function hashSetsService(pool: Pool, boss: PgBoss, audit: AuditService) {
  const repo = hashSetsRepo(pool);
  // Progress of imports started through the API in this process.
  const imports = new Map<string, ImportProgress>();

  function requireImporter(actor: Actor): void {
    if (actor.role !== 'admin' && actor.role !== 'lead') throw new Forbidden('Only administrators and leads can import hash sets.');
  }

  async function importSet(actor: Actor, input: AsyncIterable<Buffer | string> & Readable | AsyncIterable<Buffer>, opts: ImportOptions, onProgress?: (p: { records: number }) => void): Promise<ImportResult> {
    requireImporter(actor);
    const started = performance.now();
    const name = opts.name.trim();
    if (!/^[\p{L}\p{N} ._()-]{1,100}$/u.test(name)) throw new BadInput('A hash-set name is 1–100 letters, digits, spaces, ".", "_", "-" or brackets.');
    const unit = opts.unit ? await usersRepo(pool).unitByName(opts.unit) : null;
    if (opts.unit && !unit) throw new BadInput(`Unknown unit "${opts.unit}".`);
    const version = opts.version?.trim() || new Date().toISOString().slice(0, 19).replace('T', ' ');
    const setId = await repo.create({ name, source: opts.source ?? 'own', version, format: opts.format ?? 'auto', unitId: unit?.id ?? actor.unitId,
      visibility: opts.visibility ?? 'national', radius: opts.radius ?? 31, by: actor.id, byName: actor.username });
    let result: Awaited<ReturnType<typeof loadEntries>>;
    try {
      await repo.createPartition(setId);
      result = await loadEntries(setId, input, opts, onProgress);
      await repo.attachPartition(setId);
      await repo.finish(setId, { entries: result.entries, skipped: result.skippedCount, sample: result.skipped.slice(0, 1000), header: result.header,
        profile: result.header.profile, scheme: result.header.scheme ?? opts.scheme ?? null });
    } catch (error) {
      // Nothing half-imported: a broken file leaves no entries and no active version behind.
      await repo.dropPartition(setId);
      await repo.fail(setId, (error as Error).message);
      if (error instanceof HashSetFormatError) throw new BadInput(`${error.message} Nothing was imported.`);
      throw error;
    }
    // The swap: in one transaction the old version stops counting and the new one starts. After it
    // commits nothing may roll the new version back; later failures are retried, not undone.
    const superseded = await inTransaction(pool, async (tx) => {
      const old = await hashSetsRepo(tx).supersede(name);
      await hashSetsRepo(tx).activate(setId);
      await audit.record(actor, { action: 'hashset.import', targetType: 'hashset', targetId: setId,
        details: { name, version, entries: result.entries, skipped: result.skippedCount, format: result.header.format, superseded: old } }, tx);
      return old;
    });
    await enqueue(boss, 'hashset.rematch', { setId });
    for (const old of superseded) await repo.dropPartition(old).catch(() => undefined); // an old table left over costs only disk
    return { name, version, entries: result.entries, skipped: result.skipped, skippedCount: result.skippedCount, seconds: Number(((performance.now() - started) / 1000).toFixed(2)), setId };
  }

  /**
   * Parses and COPYs in overlap, on two connections: PostgreSQL's COPY is one backend per stream and
   * was the limit, so two streams into the same loading table use both cores.
   */
  async function loadEntries(setId: string, input: AsyncIterable<Buffer | string>, opts: ImportOptions, onProgress?: (p: { records: number }) => void) {
    const clients = [await pool.connect(), await pool.connect()];
    const lanes: Array<Promise<unknown>> = clients.map(() => Promise.resolve());
    let next = 0;
    try {
      // The loading table is invisible until attached and activated, and a crash leaves the set
      // 'importing' to be imported again, so these sessions need not wait for each WAL flush.
      for (const c of clients) await c.query('SET synchronous_commit = off');
      let records = 0;
      const result = await readHashSet(input as AsyncIterable<Buffer>, async (batch) => {
        const lane = next++ % clients.length;
        await lanes[lane];
        lanes[lane] = repo.copyEntries(clients[lane]!, setId, batch.map(toInsert)).then(() => { records += batch.length; onProgress?.({ records }); });
        lanes[lane]!.catch(() => undefined); // observed here; rethrown when awaited below
      }, { format: opts.format, scheme: opts.scheme, batchSize: 5000 });
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

  return {
    importSet,
    list: async (actor: Actor): Promise<HashSetRow[]> => (await repo.list()).filter((s) => s.visibility === 'national' || s.owner_unit_id === actor.unitId || actor.role === 'admin'),

    /** Starts an import in the background and returns an id to poll. */
    /** `release` runs when the import ends either way (the caller's spool file must not outlive it). */
    startImport(actor: Actor, input: Readable, opts: ImportOptions, release: () => void = () => undefined): string {
      requireImporter(actor);
      const id = randomUUID();
      const progress: ImportProgress = { status: 'running', records: 0, entries: 0, error: null, result: null };
      imports.set(id, progress);
      importSet(actor, input, opts, ({ records }) => { progress.records = records; })
        .then((result) => Object.assign(progress, { status: 'done', entries: result.entries, result }))
        .catch((error: Error) => Object.assign(progress, { status: 'failed', error: error.message }))
        .finally(release);
      return id;
    },
    importProgress(id: string): ImportProgress {
      const progress = imports.get(id);
      if (!progress) throw new NotFound('No such import. It may have been started on another server.');
      return progress;
    },
  };
}

export type HashSetsService = ReturnType<typeof hashSetsService>;
