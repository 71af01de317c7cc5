// Exports of a case for the prosecutor or other tools: VICS JSON, streamed as a download.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { VicsExportSummary } from '../schemas/export.ts';
import type { Services } from '../services/index.ts';

/** JSON with every non-ASCII character escaped, so any scheme name fits in an HTTP header. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const exportRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onRequest', app.requireUser);

  app.get(
    '/api/cases/:id/export/vics/summary',
    {
      schema: {
        tags: ['export'],
        description: 'What a VICS export of the case will carry: categories per scheme it cannot write in VICS 2.0 US.',
        params: IdParams,
        response: { 200: VicsExportSummary, ...errors(401, 404) },
      },
    },
    async (request) => services.exports.vicsSummary(actorOf(request), { id: request.params.id }),
  );

  app.get(
    '/api/cases/:id/export/vics',
    {
      schema: {
        tags: ['export'],
        description:
          'VICS 2.0 US #Cases JSON. Header x-unmapped-categories: {scheme: count} of categories written without one.',
        params: IdParams,
        produces: ['application/json'],
        response: { ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const summary = await services.exports.vicsSummary(actor, { id: request.params.id });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/json',
        'content-disposition': `attachment; filename="${summary.case.replace(/[^A-Za-z0-9._-]/g, '_')}-vics.json"`,
        'x-unmapped-categories': asciiJson(summary.unmappedCategories),
      });
      try {
        await services.exports.vics(actor, { id: request.params.id }, reply.raw);
      } catch (error) {
        request.log.warn({ err: error }, 'export stopped');
        reply.raw.destroy(); // a half-written file must not look complete
      } finally {
        if (!reply.raw.destroyed) reply.raw.end();
      }
    },
  );
};
