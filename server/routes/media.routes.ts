// The media API behind the workbench grid. Thumbnails are served only here, after need-to-know and audit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
} from '../schemas/media.ts';
import { presentDetail, presentMedia } from '../presenters/media.ts';
import type { Services } from '../services/index.ts';

type Options = { services: Services };
const tags = ['media'];

/** The grid: category schemes, the media page, its facets and the case's counts. */
const gridRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { media } }) => {
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
        response: { 200: MediaPage, ...errors(400, 401, 403, 404) },
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
};

/** Lists beside the grid: near-duplicate groups and the files that could not be used. */
const caseListRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { media } }) => {
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
};

/** What the analyst records: a category (one by one or a near-duplicate group at once) and notes. */
const annotationRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { media } }) => {
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

  app.put(
    '/api/cases/:id/media/:sha256/notes',
    {
      schema: { tags, params: MediaParams, body: Notes, response: { 200: NotesResult, ...errors(400, 401, 403, 404) } },
    },
    async (request) => media.setNotes(actorOf(request), request.params.id, request.params.sha256, request.body.notes),
  );
};

/** Viewing one media: its detail, its thumbnail (safe or revealed) and revealing it. */
const viewRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { media } }) => {
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
};

export const mediaRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(gridRoutes, opts);
  await app.register(caseListRoutes, opts);
  await app.register(annotationRoutes, opts);
  await app.register(viewRoutes, opts);
};
