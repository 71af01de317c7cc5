// The workbench grid and its side lists: keyset pages with filters, facets, counts, near groups and failed items.
import type {
  GroupRow,
  MediaFilterParams,
  MediaRow,
  MediaSort,
} from '../../storage/repositories/media-grid.repository.ts';
import type { ItemErrorRow } from '../../storage/repositories/media.repository.ts';
import { sha256 } from '../../workers/signals/index.ts';
import { BadInput } from '../errors.ts';
import type { MediaFilters } from '../schemas/media.ts';
import type { Actor } from './actor.ts';
import { DEFAULT_SCHEME, SCHEMES } from './categories.ts';
import type { MediaDeps } from './media-deps.ts';
import { noMediaTextForProsecutors } from './media-text-access.ts';

type Cursor = { key: string; sha256: string };
type Facet = Array<{ value: string; count: number }>;
const INT_KEY = /^-?\d{1,18}$|^9223372036854775807$/;

function encodeCursor(sort: MediaSort, row: Pick<MediaRow, 'cursor_key' | 'sha256'>): string {
  return Buffer.from(JSON.stringify([sort, row.cursor_key, row.sha256])).toString('base64url');
}

/** Opaque to clients; validated here so a tampered cursor is a 400, never a failed SQL cast. */
function decodeCursor(sort: MediaSort, cursor: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const [s, key, sha] = Array.isArray(parsed) ? parsed : [];
  const keyOk = typeof key === 'string' && (sort === 'path' || INT_KEY.test(key));
  if (s !== sort || !keyOk || !sha256.validate(sha)) {
    throw new BadInput('The page cursor is not valid for this sort order. Reload the grid from the first page.');
  }
  return { key, sha256: sha };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterParams(f: MediaFilters): MediaFilterParams {
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
    device: f.device ?? null,
    place: f.place?.trim() || null,
    text: f.text?.trim() || null,
  };
}

/** The filter panel's choices per facet, each with how many items it would show. */
function facetLists(rows: Array<{ facet: string; value: string; count: number }>) {
  const out = { mimes: [], makes: [], models: [], categories: [] } as Record<
    'mimes' | 'makes' | 'models' | 'categories',
    Facet
  >;
  const bucket = { mime: out.mimes, make: out.makes, model: out.models, category: out.categories } as Record<
    string,
    Facet
  >;
  for (const r of rows) bucket[r.facet]?.push({ value: r.value, count: r.count });
  return out;
}

const presentGroup = (g: GroupRow) => ({
  nearGroup: Number(g.group_id),
  members: g.members,
  representative: g.representative,
  representativeHasThumbnail: g.representative_has_thumbnail,
  uncategorised: g.uncategorised,
  categories: g.categories,
});

const presentItemError = (r: ItemErrorRow) => ({
  id: Number(r.id),
  path: r.source_path,
  error: r.error,
  mime: r.mime,
  size: r.size === null ? null : Number(r.size),
  evidenceName: r.evidence_name,
});

export function mediaGridService({ repo, grid, projection, cases, audit }: MediaDeps) {
  /** Opens the case, then brings the projection up to every committed write: the grid reads it next. */
  const openCurrent = async (actor: Actor, caseId: string) => {
    const c = await cases.open(actor, { id: caseId });
    await projection.drain(c.id);
    return c;
  };
  return {
    categories: () => ({
      default: DEFAULT_SCHEME,
      schemes: SCHEMES.map((s) => ({ ...s, categories: [...s.categories] })),
    }),

    async page(actor: Actor, caseId: string, q: MediaFilters & { after?: string; limit?: number; sort?: MediaSort }) {
      const c = await cases.open(actor, { id: caseId });
      // Filtering by recognised text reads that text: not for prosecutors (media-text-access.ts).
      if (q.text?.trim()) noMediaTextForProsecutors(actor);
      const sort = q.sort ?? 'path';
      const limit = q.limit ?? 200;
      const after = q.after ? decodeCursor(sort, q.after) : null;
      await projection.drain(c.id);
      const filters = filterParams(q);
      const nextOf = (rows: MediaRow[]) => (rows.length === limit ? encodeCursor(sort, rows[rows.length - 1]!) : null);
      // The first page also says how many match, read beside it (from a counter when one holds it).
      const [rows, total] = await Promise.all([
        grid.page(c.id, sort, filters, after, limit),
        after ? undefined : grid.total(c.id, filters),
      ]);
      return { rows, next: nextOf(rows), total };
    },

    async groups(actor: Actor, caseId: string, after: number, limit: number) {
      const c = await openCurrent(actor, caseId);
      const groups = (await grid.groups(c.id, after, limit)).map(presentGroup);
      return { groups, next: groups.length === limit ? groups[groups.length - 1]!.nearGroup : null };
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
      const items = rows.map(presentItemError);
      return { items, next: items.length === limit ? items[items.length - 1]!.id : null };
    },

    async counts(actor: Actor, caseId: string) {
      const c = await openCurrent(actor, caseId);
      return grid.counts(c.id);
    },

    async facets(actor: Actor, caseId: string) {
      const c = await openCurrent(actor, caseId);
      return facetLists(await grid.facets(c.id));
    },
  };
}
