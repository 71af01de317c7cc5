// The workbench's media use cases: the keyset grid, detail, thumbnails, reveal, categorisation, notes,
// near groups and case counts. Every route opens the case first, so outsiders get 404 (need-to-know).
import type { Readable } from 'node:stream';
import type { Pool } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import {
  mediaRepo,
  type ChangeRow,
  type MediaFilterParams,
  type MediaRow,
  type MediaSort,
} from '../../storage/repositories/media.repository.ts';
import { BadInput, Forbidden, NotFound } from '../errors.ts';
import type { CategoriseResult, MediaFilters } from '../schemas/media.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import { DEFAULT_SCHEME, SCHEMES, assertCategory } from './categories.ts';
import { thumbnailPixels, type ThumbnailOptions } from './thumbnails.ts';

type Cursor = { key: string; sha256: string };
type CategoryInput = {
  category: string | null;
  scheme?: string;
  nearGroup?: number;
  nearGroups?: number[];
  undo?: boolean;
};
const SHA = /^[0-9a-f]{64}$/;
const INT_KEY = /^-?\d{1,18}$|^9223372036854775807$/;
const MAX_PATHS = 1000;

export function encodeCursor(sort: MediaSort, row: Pick<MediaRow, 'cursor_key' | 'sha256'>): string {
  return Buffer.from(JSON.stringify([sort, row.cursor_key, row.sha256])).toString('base64url');
}

/** Opaque to clients; validated here so a tampered cursor is a 400, never a failed SQL cast. */
export function decodeCursor(sort: MediaSort, cursor: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const [s, key, sha] = Array.isArray(parsed) ? parsed : [];
  const keyOk = typeof key === 'string' && (sort === 'path' || INT_KEY.test(key));
  if (s !== sort || !keyOk || typeof sha !== 'string' || !SHA.test(sha)) {
    throw new BadInput('The page cursor is not valid for this sort order. Reload the grid from the first page.');
  }
  return { key, sha256: sha };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function filterParams(f: MediaFilters): MediaFilterParams {
  const prefix = f.mime?.endsWith('/') ? f.mime : null;
  return {
    category: f.category && f.category !== 'none' ? f.category : null,
    uncategorised: f.category === 'none',
    known: f.known ?? null,
    duplicate: f.duplicate ?? null,
    nearGroup: f.nearGroup ?? null,
    grouped: f.grouped ?? null,
    hasError: f.hasError ?? null,
    mime: f.mime && !prefix ? f.mime : null,
    mimePrefix: prefix,
    make: f.make || null,
    model: f.model || null,
    hasGps: f.hasGps ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    pathLike: f.q?.trim() ? likePattern(f.q.trim()) : null,
  };
}

/**
 * Thumbnail views are audited by group commit: requests for one user and case that arrive within
 * `windowMs` share one 'media.thumbnail' entry listing every hash, and no bytes leave before it commits.
 */
function thumbnailAuditor(audit: AuditService, windowMs = 120, maxBatch = 500) {
  const open = new Map<string, { shas: Set<string>; committed: Promise<number> }>();
  return (actor: Actor, caseId: string, sha256: string): Promise<number> => {
    const key = `${actor.id ?? actor.username}|${caseId}`;
    let batch = open.get(key);
    if (!batch || batch.shas.size >= maxBatch) {
      const shas = new Set<string>();
      const committed = new Promise((resolve) => setTimeout(resolve, windowMs)).then(() => {
        if (open.get(key)?.shas === shas) open.delete(key);
        return audit.record(actor, {
          action: 'media.thumbnail',
          targetType: 'media',
          caseId,
          details: { sha256s: [...shas], count: shas.size },
        });
      });
      batch = { shas, committed };
      open.set(key, batch);
    }
    batch.shas.add(sha256);
    return batch.committed;
  };
}

const noMediaForProsecutors = (actor: Actor) => {
  if (actor.role === 'prosecutor')
    throw new Forbidden('Prosecutors work from the dossier export; media are not shown to this role.');
};

export function mediaService(
  pool: Pool,
  store: ObjectStore,
  cases: CasesService,
  audit: AuditService,
  thumbnailOptions: ThumbnailOptions = { revealSeconds: 120 },
) {
  const repo = mediaRepo(pool);
  const auditThumbnail = thumbnailAuditor(audit);
  const pixels = thumbnailPixels(pool, store, audit, thumbnailOptions);

  async function openMedia(actor: Actor, caseId: string, sha256: string, need: 'read' | 'write' = 'read') {
    const c = await cases.open(actor, { id: caseId }, need);
    const row = await repo.inCase(c.id, sha256);
    if (!row) throw new NotFound('This content is not part of the case. Check the hash, or reload the grid.');
    return { c, hasThumbnail: row.has_thumbnail };
  }

  async function applyCategory(
    actor: Actor,
    caseId: string,
    shas: string[],
    input: CategoryInput,
  ): Promise<CategoriseResult> {
    const scheme = input.scheme ?? DEFAULT_SCHEME;
    assertCategory(scheme, input.category);
    const unique = [...new Set(shas)];
    const groups = input.nearGroups
      ? { nearGroups: input.nearGroups }
      : input.nearGroup !== undefined
        ? { nearGroup: input.nearGroup }
        : {};
    const provenance = { by: actor.username, at: new Date().toISOString(), ...groups };
    return inTransaction(pool, async (tx) => {
      const changed = await mediaRepo(tx).categorise(caseId, unique, {
        category: input.category,
        scheme,
        provenance,
        by: actor.id,
      });
      if (changed.length !== unique.length) {
        throw new NotFound(
          `${unique.length - changed.length} of the ${unique.length} hashes are not part of this case; nothing was changed. Reload the grid and try again.`,
        );
      }
      const details = {
        category: input.category,
        scheme,
        count: unique.length,
        sha256s: unique,
        previous: tally(changed),
        ...groups,
        ...(input.undo ? { undo: true } : {}),
      };
      const auditId = await audit.record(
        actor,
        { action: 'media.categorise', targetType: 'media', caseId, details },
        tx,
      );
      const previous = changed.map((r) => ({
        sha256: r.sha256,
        previousCategory: r.previous_category,
        previousSource: r.previous_source,
      }));
      return { category: input.category, scheme, auditId, changed: previous };
    });
  }

  return {
    categories: () => ({
      default: DEFAULT_SCHEME,
      schemes: SCHEMES.map((s) => ({ ...s, categories: [...s.categories] })),
    }),

    async page(actor: Actor, caseId: string, q: MediaFilters & { after?: string; limit?: number; sort?: MediaSort }) {
      const c = await cases.open(actor, { id: caseId });
      const sort = q.sort ?? 'path';
      const limit = q.limit ?? 200;
      const filters = filterParams(q);
      const nextOf = (rows: MediaRow[]) => (rows.length === limit ? encodeCursor(sort, rows[rows.length - 1]!) : null);
      if (q.after) {
        const rows = await repo.page(c.id, sort, filters, decodeCursor(sort, q.after), limit);
        return { rows, next: nextOf(rows), total: undefined };
      }
      const rows = await repo.firstPage(c.id, sort, filters, limit);
      return { rows, next: nextOf(rows), total: rows[0]?.total ?? 0 };
    },

    async detail(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openMedia(actor, caseId, sha256);
      const [row, paths] = await Promise.all([repo.detail(c.id, sha256), repo.paths(c.id, sha256, MAX_PATHS + 1)]);
      if (!row) throw new NotFound('This content is not part of the case.');
      await audit.record(actor, { action: 'media.view', targetType: 'media', targetId: sha256, caseId: c.id });
      return { row, paths: paths.slice(0, MAX_PATHS), truncated: paths.length > MAX_PATHS };
    },

    /**
     * The safe rendition (greyscale, blurred), sent only after its view is in the audit log; with `revealId`
     * the sharp thumbnail, for the caller's own fresh reveal of this content (audited per fetch).
     */
    async thumbnail(
      actor: Actor,
      caseId: string,
      sha256: string,
      revealId?: number,
    ): Promise<{ body: Readable | Buffer; revealed: boolean }> {
      const { c, hasThumbnail } = await openMedia(actor, caseId, sha256);
      noMediaForProsecutors(actor);
      if (!hasThumbnail)
        throw new NotFound('There is no thumbnail for this content (not an image, or it could not be decoded).');
      if (revealId !== undefined) return { body: await pixels.revealed(actor, c.id, sha256, revealId), revealed: true };
      const body = await pixels.safe(sha256);
      try {
        await auditThumbnail(actor, c.id, sha256);
      } catch (error) {
        if (!Buffer.isBuffer(body)) body.destroy();
        throw error;
      }
      return { body, revealed: false };
    },

    /** Audited; the entry's id is the key to the sharp thumbnail, for this user only and for a short time. */
    async reveal(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openMedia(actor, caseId, sha256);
      noMediaForProsecutors(actor);
      const validSeconds = pixels.revealSeconds;
      const event = {
        action: 'media.reveal',
        targetType: 'media',
        targetId: sha256,
        caseId: c.id,
        details: { validSeconds },
      };
      const auditId = await audit.record(actor, event);
      return { sha256, auditId, expiresAt: new Date(Date.now() + validSeconds * 1000).toISOString() };
    },

    async categorise(
      actor: Actor,
      caseId: string,
      input: { sha256s: string[]; category: string | null; scheme?: string; undo?: boolean },
    ) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      return applyCategory(actor, c.id, input.sha256s, input);
    },

    async categoriseGroup(
      actor: Actor,
      caseId: string,
      input: { nearGroup?: number; nearGroups?: number[]; category: string | null; scheme?: string },
    ) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      const wanted = [...new Set(input.nearGroups ?? (input.nearGroup === undefined ? [] : [input.nearGroup]))];
      if (wanted.length === 0) throw new BadInput('Give nearGroup (one group) or nearGroups (a list of groups).');
      const members = await repo.groupMembers(c.id, wanted);
      const found = new Set(members.map((m) => Number(m.group_id)));
      const missing = wanted.filter((g) => !found.has(g));
      if (missing.length > 0)
        throw new NotFound(
          `There is no near-duplicate group ${missing.slice(0, 10).join(', ')} in this case. Reload the groups and try again.`,
        );
      const groups = wanted.length === 1 ? { nearGroup: wanted[0] } : { nearGroups: wanted };
      return applyCategory(
        actor,
        c.id,
        members.map((m) => m.blob_sha256),
        { category: input.category, scheme: input.scheme, ...groups },
      );
    },

    async setNotes(actor: Actor, caseId: string, sha256: string, notes: string) {
      const { c } = await openMedia(actor, caseId, sha256, 'write');
      const value = notes.trim() ? notes : null;
      await inTransaction(pool, async (tx) => {
        await mediaRepo(tx).setNotes(c.id, sha256, value);
        await audit.record(
          actor,
          {
            action: 'media.notes',
            targetType: 'media',
            targetId: sha256,
            caseId: c.id,
            details: { notes: value?.slice(0, 2000) ?? null, length: value?.length ?? 0 },
          },
          tx,
        );
      });
      return { sha256, notes: value };
    },

    async groups(actor: Actor, caseId: string, after: number, limit: number) {
      const c = await cases.open(actor, { id: caseId });
      const rows = await repo.groups(c.id, after, limit);
      const groups = rows.map((g) => ({
        nearGroup: Number(g.group_id),
        members: g.members,
        representative: g.representative,
        representativeHasThumbnail: g.representative_has_thumbnail,
        uncategorised: g.uncategorised,
        categories: g.categories,
      }));
      return { groups, next: rows.length === limit ? groups[groups.length - 1]!.nearGroup : null };
    },

    async itemErrors(actor: Actor, caseId: string, after: number, limit: number) {
      const c = await cases.open(actor, { id: caseId });
      const rows = await repo.itemErrors(c.id, after, limit);
      await audit.record(actor, {
        action: 'items.errors.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { after, limit, count: rows.length },
      });
      const items = rows.map((r) => ({
        id: Number(r.id),
        path: r.source_path,
        error: r.error,
        mime: r.mime,
        size: r.size === null ? null : Number(r.size),
        evidenceName: r.evidence_name,
      }));
      return { items, next: rows.length === limit ? items[items.length - 1]!.id : null };
    },

    async counts(actor: Actor, caseId: string) {
      const c = await cases.open(actor, { id: caseId });
      return repo.counts(c.id);
    },

    async facets(actor: Actor, caseId: string) {
      const c = await cases.open(actor, { id: caseId });
      const out = { mimes: [], makes: [], models: [], categories: [] } as Record<
        'mimes' | 'makes' | 'models' | 'categories',
        Array<{ value: string; count: number }>
      >;
      const bucket = { mime: out.mimes, make: out.makes, model: out.models, category: out.categories } as Record<
        string,
        Array<{ value: string; count: number }>
      >;
      for (const r of await repo.facets(c.id)) bucket[r.facet]?.push({ value: r.value, count: r.count });
      return out;
    },
  };
}

/** How many of the changed items had each previous category ('none' = uncategorised). */
function tally(changed: ChangeRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of changed) out[r.previous_category ?? 'none'] = (out[r.previous_category ?? 'none'] ?? 0) + 1;
  return out;
}

export type MediaService = ReturnType<typeof mediaService>;
