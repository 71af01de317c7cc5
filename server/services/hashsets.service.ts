// Hash sets (known material): the sets a user may see, and imports. An import is a long job: the upload is stored
// in the object store first, a row carries its status and progress, and a `hashset.import` job does the work
// (workers/handlers/import-hash-set.ts), so any API process, and a restarted one, reports it.
import type { Readable } from 'node:stream';
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { hashSetsRepo, type HashSetRow } from '../../storage/repositories/hashsets.repository.ts';
import { longJobsRepo } from '../../storage/repositories/long-jobs.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import type { HashSetFormat } from '../../workers/formats/hash-entry.ts';
import {
  failHashSetImport,
  HASHSET_IMPORT,
  hashSetInputKey,
  importHashSet,
  type HashSetImportParams,
  type HashSetImportResult,
} from '../../workers/handlers/import-hash-set.ts';
import { storeContent } from '../../workers/ingest/content-store.ts';
import { enqueue } from '../../workers/jobs.ts';
import { BadInput, Forbidden, NotFound } from '../errors.ts';
import { presentImportProgress, presentImportResult } from '../presenters/hashsets.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export type ImportOptions = {
  name: string;
  version?: string;
  format?: HashSetFormat;
  source?: string;
  visibility?: 'national' | 'unit';
  unit?: string;
  radius?: number;
  scheme?: string;
};
export type ImportResult = Omit<HashSetImportResult, 'superseded'>;
export type ImportProgress = {
  status: 'running' | 'done' | 'failed';
  records: number;
  entries: number;
  error: string | null;
  result: ImportResult | null;
};

const NAME = /^[\p{L}\p{N} ._()-]{1,100}$/u;

const NOT_IMPORTER = {
  nl: 'Alleen beheerders en teamleiders kunnen hashsets importeren. Vraag uw teamleider om de import.',
  en: 'Only administrators and leads can import hash sets. Ask your lead to import it.',
};
const BAD_NAME = {
  nl: 'Een hashsetnaam is 1–100 letters, cijfers, spaties, ".", "_", "-" of haakjes. Kies een andere naam.',
  en: 'A hash-set name is 1–100 letters, digits, spaces, ".", "_", "-" or brackets. Choose another name.',
};
const NO_SUCH_IMPORT = {
  nl: 'Deze import bestaat niet, of is van een andere eenheid. Controleer de link, of vraag wie de import startte.',
  en: 'No such import, or it belongs to another unit. Check the link, or ask whoever started the import.',
};

const isImporter = (actor: Pick<Actor, 'role'>) => actor.role === 'admin' || actor.role === 'lead';

/** The job's parameters, with defaults filled in; the name and unit are checked before anything is stored. */
async function importParams(pool: Pool, actor: Actor, opts: ImportOptions): Promise<HashSetImportParams> {
  const name = opts.name.trim();
  if (!NAME.test(name)) throw new BadInput(BAD_NAME);
  const unit = opts.unit ? await usersRepo(pool).unitByName(opts.unit) : null;
  if (opts.unit && !unit) {
    throw new BadInput({
      nl: `Onbekende eenheid "${opts.unit}". Controleer de naam.`,
      en: `Unknown unit "${opts.unit}". Check the name.`,
    });
  }
  return {
    name,
    version: opts.version?.trim() || new Date().toISOString().slice(0, 19).replace('T', ' '),
    source: opts.source ?? 'own',
    format: opts.format ?? 'auto',
    visibility: opts.visibility ?? 'national',
    unitId: unit?.id ?? actor.unitId,
    radius: opts.radius ?? 31,
    scheme: opts.scheme ?? null,
    ip: actor.ip ?? null,
  };
}

export function hashSetsService(pool: Pool, store: ObjectStore, boss: PgBoss, audit: AuditService) {
  const deps = { pool, store, boss, auditKey: audit.key };

  function requireImporter(actor: Actor): void {
    if (!isImporter(actor)) throw new Forbidden(NOT_IMPORTER);
  }

  /** Checks the request, stores the file under its SHA-256 (streamed), and records the import as queued. */
  async function createImport(actor: Actor, body: Readable, opts: ImportOptions): Promise<string> {
    requireImporter(actor);
    const params = await importParams(pool, actor, opts);
    const stored = await storeContent(store, body, { keyFor: hashSetInputKey });
    return longJobsRepo(pool).create({
      kind: HASHSET_IMPORT,
      ownerUnitId: actor.unitId,
      createdBy: actor.id,
      createdByName: actor.username,
      params,
      input: { key: stored.key, sha256: stored.sha256, size: stored.size },
    });
  }

  return {
    requireImporter,
    list: async (actor: Actor): Promise<HashSetRow[]> =>
      (await hashSetsRepo(pool).list()).filter(
        (s) => s.visibility === 'national' || s.owner_unit_id === actor.unitId || actor.role === 'admin',
      ),

    /** Stores the upload and queues the import; returns the id to follow it by. */
    async startImport(actor: Actor, body: Readable, opts: ImportOptions): Promise<string> {
      const id = await createImport(actor, body, opts);
      await enqueue(boss, 'hashset.import', { importId: id });
      return id;
    },

    /** Need-to-know: the importer's unit and administrators follow an import; to anyone else it does not exist. */
    async importProgress(actor: Actor, importId: string, lang: 'nl' | 'en'): Promise<ImportProgress> {
      const job = await longJobsRepo(pool).byId(importId);
      if (!job || job.kind !== HASHSET_IMPORT || (actor.role !== 'admin' && job.owner_unit_id !== actor.unitId)) {
        throw new NotFound(NO_SUCH_IMPORT);
      }
      return presentImportProgress(job, lang);
    },

    /** The same import, run in this process and awaited (the CLI and benchmarks). */
    async importSet(actor: Actor, input: Readable, opts: ImportOptions): Promise<ImportResult> {
      const id = await createImport(actor, input, opts);
      try {
        await importHashSet(deps, id, new AbortController().signal);
      } catch (error) {
        await failHashSetImport(deps, id, error);
        throw error;
      }
      const job = (await longJobsRepo(pool).byId(id))!;
      if (job.status !== 'done') throw new BadInput(job.error ?? NO_SUCH_IMPORT);
      return presentImportResult(job.result as HashSetImportResult);
    },
  };
}
