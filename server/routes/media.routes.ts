// The media API behind the workbench grid. Thumbnails are served only here, after need-to-know and audit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MediaDetailRow, MediaRow, PathRow } from '../../storage/repositories/media.repository.ts';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams } from '../schemas/common.ts';
import {
  CaseCounts,
  Categorise,
  CategoriseGroup,
  CategoriseResult,
  Facets,
  GroupPage,
  ItemErrorPage,
  MediaDetail,
  MediaPage,
  MediaParams,
  MediaQuery,
  Notes,
  NotesResult,
  PageQuery,
  Reveal,
  Schemes,
  ThumbnailQuery,
  WebpBody,
  type Media,
} from '../schemas/media.ts';
import type { Services } from '../services/index.ts';

export const presentMedia = (r: MediaRow): Media => ({
  sha256: r.sha256,
  blobId: Number(r.blob_id),
  mime: r.mime,
  width: r.width,
  height: r.height,
  itemCount: r.item_count,
  firstPath: r.first_path,
  date: r.date?.toISOString() ?? null,
  category: r.category,
  categorySource: r.category_source,
  conflict: r.conflict,
  known: r.known,
  nearGroup: r.near_group === null ? null : Number(r.near_group),
  duplicate: r.item_count > 1,
  error: r.error,
  hasThumbnail: r.has_thumbnail,
  hasGps: r.has_gps,
});

const EXIF_TEXT = ['make', 'model', 'serial', 'lens', 'software', 'dateTimeOriginal', 'createDate'] as const;
const EXIF_NUMBER = ['latitude', 'longitude', 'orientation'] as const;

function presentExif(exif: Record<string, unknown> | null) {
  if (!exif) return null;
  const out: Record<string, string | number> = {};
  for (const k of EXIF_TEXT) if (typeof exif[k] === 'string') out[k] = exif[k];
  for (const k of EXIF_NUMBER) if (typeof exif[k] === 'number' && Number.isFinite(exif[k])) out[k] = exif[k];
  return out;
}

/** GPS as text an analyst can paste into a map: "52.37403° N, 4.88969° E". */
export function gpsText(lat: unknown, lon: unknown): string | null {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? 'E' : 'W'}`;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const presentDetail = ({
  row: r,
  paths,
  truncated,
}: {
  row: MediaDetailRow;
  paths: PathRow[];
  truncated: boolean;
}) => ({
  sha256: r.sha256,
  md5: r.md5,
  sha1: r.sha1,
  size: Number(r.size),
  mime: r.mime,
  width: r.width,
  height: r.height,
  pdq: r.pdq,
  pdqQuality: r.pdq_quality,
  blockhash: r.blockhash,
  status: r.status,
  error: r.decode_error,
  hasThumbnail: r.has_thumbnail,
  exif: presentExif(r.exif),
  gps: gpsText(r.exif?.latitude, r.exif?.longitude),
  latitude: num(r.exif?.latitude),
  longitude: num(r.exif?.longitude),
  paths: paths.map((p) => ({
    itemId: Number(p.id),
    path: p.source_path,
    mtime: p.mtime?.toISOString() ?? null,
    evidenceId: p.evidence_id,
    evidenceName: p.original_name,
  })),
  pathsTruncated: truncated,
  nearGroup: r.near_group === null ? null : Number(r.near_group),
  category: r.category,
  scheme: r.scheme ?? 'vics2',
  categorySource: r.source,
  categorisedBy: r.categorised_by_name,
  categorisedAt: r.categorised_at?.toISOString() ?? null,
  conflict: r.conflict ?? false,
  provenance: r.provenance,
  series: r.series,
  victimIdentified: r.victim_identified,
  notes: r.notes,
  known: r.known,
});

export const mediaRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { media } = services;
  app.addHook('onRequest', app.requireUser);
  const tags = ['media'];

  app.get('/api/categories', { schema: { tags, response: { 200: Schemes, ...errors(401) } } }, async () =>
    media.categories(),
  );

  app.get(
    '/api/cases/:id/media',
    {
      schema: {
        tags,
        description:
          'Unique content of the case, keyset-paginated: pass `next` back as `after` with the same sort and filters.',
        params: IdParams,
        querystring: MediaQuery,
        response: { 200: MediaPage, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { rows, next, total } = await media.page(actorOf(request), request.params.id, request.query);
      return { items: rows.map(presentMedia), next, ...(total !== undefined ? { total } : {}) };
    },
  );

  app.get(
    '/api/cases/:id/media/facets',
    { schema: { tags, params: IdParams, response: { 200: Facets, ...errors(401, 404) } } },
    async (request) => media.facets(actorOf(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/counts',
    { schema: { tags, params: IdParams, response: { 200: CaseCounts, ...errors(401, 404) } } },
    async (request) => media.counts(actorOf(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/groups',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: GroupPage, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      media.groups(actorOf(request), request.params.id, request.query.after ?? 0, request.query.limit ?? 100),
  );

  app.get(
    '/api/cases/:id/item-errors',
    {
      schema: {
        tags,
        description: 'Files that could not be used, with the reason (keyset by item id).',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ItemErrorPage, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      media.itemErrors(actorOf(request), request.params.id, request.query.after ?? 0, request.query.limit ?? 200),
  );

  app.post(
    '/api/cases/:id/media/categorise',
    {
      schema: {
        tags,
        params: IdParams,
        body: Categorise,
        response: { 200: CategoriseResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => media.categorise(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/media/categorise-group',
    {
      schema: {
        tags,
        params: IdParams,
        body: CategoriseGroup,
        response: { 200: CategoriseResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => media.categoriseGroup(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/cases/:id/media/:sha256',
    {
      schema: {
        tags,
        description: 'Audited as media.view.',
        params: MediaParams,
        response: { 200: MediaDetail, ...errors(400, 401, 404) },
      },
    },
    async (request) => presentDetail(await media.detail(actorOf(request), request.params.id, request.params.sha256)),
  );

  app.get(
    '/api/cases/:id/media/:sha256/thumbnail',
    {
      schema: {
        tags,
        produces: ['image/webp'],
        params: MediaParams,
        querystring: ThumbnailQuery,
        description:
          'WebP thumbnail, greyscale and blurred; audited as media.thumbnail (one entry per user, case and ' +
          "120 ms window). With `reveal` (the auditId of one's own recent reveal of this content) the sharp " +
          'thumbnail, audited per fetch.',
        response: { 200: WebpBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { params, query } = request;
      const { body, revealed } = await media.thumbnail(actorOf(request), params.id, params.sha256, query.reveal);
      // Revealed bytes never rest in a cache; the safe rendition may stay in this browser for an hour.
      const cache = revealed ? 'private, no-store' : 'private, max-age=3600';
      return reply
        .type('image/webp')
        .header('cache-control', cache)
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );

  app.post(
    '/api/cases/:id/media/:sha256/reveal',
    {
      schema: {
        tags,
        description:
          'Audited as media.reveal, one entry per reveal; its auditId fetches the sharp ' +
          'thumbnail for a short time.',
        params: MediaParams,
        response: { 200: Reveal, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => media.reveal(actorOf(request), request.params.id, request.params.sha256),
  );

  app.put(
    '/api/cases/:id/media/:sha256/notes',
    {
      schema: { tags, params: MediaParams, body: Notes, response: { 200: NotesResult, ...errors(400, 401, 403, 404) } },
    },
    async (request) => media.setNotes(actorOf(request), request.params.id, request.params.sha256, request.body.notes),
  );
};
