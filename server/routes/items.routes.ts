// Items (every file of a case, one row per path): the keyset-paginated list and the case's totals.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams, RowId } from '../schemas/common.ts';
import { CaseSummary, ItemPage } from '../schemas/evidence.ts';
import type { Services } from '../services/index.ts';

export const itemsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { items } = services;
  app.addHook('onRequest', app.requireUser);

  app.get(
    '/api/cases/:id/items',
    {
      schema: {
        tags: ['items'],
        params: IdParams,
        querystring: Type.Object({
          after: Type.Optional(RowId()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: ItemPage, ...errors(401, 404) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 200;
      const page = await items.page(actorOf(request), request.params.id, request.query.after ?? 0, limit);
      return { items: page, next: page.length === limit ? page[page.length - 1]!.id : null };
    },
  );

  app.get(
    '/api/cases/:id/summary',
    { schema: { tags: ['items'], params: IdParams, response: { 200: CaseSummary, ...errors(401, 404) } } },
    async (request) => items.summary(actorOf(request), request.params.id),
  );
};
