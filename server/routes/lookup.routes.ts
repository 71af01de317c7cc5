// Lookups in hash sets and all cases, and a case's matches (need-to-know applies to every hit).
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BadInput } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { NO_BODY } from '../plugins/http-edge.ts';
import { bodyStream, streamBody, streamParsers } from '../plugins/raw-body.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { LookupBody, LookupResult, Match } from '../schemas/lookup.ts';
import { SelectorBody, SelectorLookupResult } from '../schemas/selectors.ts';
import type { Services } from '../services/index.ts';

const MiB = 1024 ** 2;
const imageTooLarge = (max: number) => ({
  nl: `De afbeelding is groter dan ${Math.floor(max / MiB)} MB. Zoek in plaats daarvan op haar hash (SHA-256 of PDQ).`,
  en: `The image is larger than ${Math.floor(max / MiB)} MB. Look up its hash (SHA-256 or PDQ) instead.`,
});

/** The whole body, which `streamBody` has bounded to the route's maximum. */
async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Options = { services: Services; maxImagePixels: number; maxLookupBytes: number };

/** "Has anyone seen this before?": one hash, or an image hashed as ingest does and never stored. */
const searchRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, maxImagePixels, maxLookupBytes }) => {
  app.post(
    '/api/lookup',
    { schema: { tags: ['lookup'], body: LookupBody, response: { 200: LookupResult, ...errors(400, 401) } } },
    async (request) => services.lookup.byHash(actorOf(request), request.body),
  );

  app.post(
    '/api/lookup/selector',
    {
      schema: {
        tags: ['lookup'],
        description: 'Has anyone reported this before? A phone, e-mail, handle, IBAN, IP, URL or wallet, any form.',
        body: SelectorBody,
        response: { 200: SelectorLookupResult, ...errors(400, 401) },
      },
    },
    async (request) => services.lookup.bySelector(actorOf(request), request.body.selector, request.body.type),
  );

  app.post(
    '/api/lookup/image',
    {
      ...streamBody({ types: ['application/octet-stream'], maxBytes: maxLookupBytes, tooLarge: imageTooLarge }),
      schema: {
        tags: ['lookup'],
        description: 'Raw image bytes as the body; hashed like ingest, never stored.',
        querystring: Type.Object({ radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })) }),
        response: { 200: LookupResult, ...errors(400, 401, 413, 415) },
      },
    },
    async (request) => {
      const image = await readAll(bodyStream(request));
      if (image.length === 0) {
        throw new BadInput({
          nl: 'Stuur de afbeelding als inhoud van het verzoek.',
          en: 'Send the image as the request body.',
        });
      }
      return services.lookup.byImage(actorOf(request), image, request.query.radius, maxImagePixels);
    },
  );
};

/** A case's matches against hash sets and other cases: one media's matches, and matching the case again. */
const caseMatchRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  app.get(
    '/api/cases/:id/media/:sha256/matches',
    {
      schema: {
        tags: ['lookup'],
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        }),
        response: { 200: Type.Object({ matches: Type.Array(Match) }), ...errors(401, 404) },
      },
    },
    async (request) => ({
      matches: await services.lookup.forMedia(actorOf(request), request.params.id, request.params.sha256),
    }),
  );

  app.post(
    '/api/cases/:id/rematch',
    {
      config: NO_BODY,
      schema: {
        tags: ['lookup'],
        description: 'Match the whole case again against current hash sets and cases.',
        params: IdParams,
        response: { 202: Type.Object({ queued: Type.Integer() }), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return services.lookup.rematchCase(actorOf(request), { id: request.params.id });
    },
  );
};

export const lookupRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  streamParsers(app, ['application/octet-stream']);
  await app.register(searchRoutes, opts);
  await app.register(caseMatchRoutes, opts);
};
