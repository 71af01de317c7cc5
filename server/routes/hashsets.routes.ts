// Hash sets: the list, imports (the file is the raw request body, streamed to the store) and import progress.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { messageLanguage } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { bodyStream, streamBody, streamParsers } from '../plugins/raw-body.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { HashSet, ImportProgress, ImportQuery, ImportStarted } from '../schemas/hashsets.ts';
import { presentSet } from '../presenters/hashsets.ts';
import type { Services } from '../services/index.ts';

// What the workbench's hash-set page sends (client/src/api/upload.ts) and what the API documents.
const IMPORT_TYPES = ['application/octet-stream'];
const GiB = 1024 ** 3;
const fileTooLarge = (max: number) => ({
  nl:
    `Het bestand is groter dan ${(max / GiB).toFixed(1)} GB, de grens voor hashsetimports op deze server. ` +
    'Splits de set, of laat de beheerder SPOOR_MAX_HASHSET_BYTES verhogen.',
  en:
    `The file is larger than ${(max / GiB).toFixed(1)} GB, this server's limit for hash-set imports. ` +
    'Split the set, or ask the administrator to raise SPOOR_MAX_HASHSET_BYTES.',
});

type Options = { services: Services; maxImportBytes: number };

export const hashSetsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, maxImportBytes }) => {
  app.addHook('onRequest', app.requireUser);
  streamParsers(app, IMPORT_TYPES);
  // The role is known from the session: refuse before the content type is looked at or any body byte is read.
  const requireImporter = async (request: FastifyRequest) => services.hashSets.requireImporter(actorOf(request));

  app.get(
    '/api/hashsets',
    { schema: { tags: ['hashsets'], response: { 200: Type.Array(HashSet), ...errors(401) } } },
    async (request) => (await services.hashSets.list(actorOf(request))).map(presentSet),
  );

  app.post(
    '/api/hashsets/import',
    {
      onRequest: requireImporter,
      ...streamBody({ types: IMPORT_TYPES, maxBytes: maxImportBytes, tooLarge: fileTooLarge }),
      schema: {
        tags: ['hashsets'],
        querystring: ImportQuery,
        description:
          'The hash-set file (VICS JSON, hash list or CSV) as the raw body ' +
          '(Content-Type: application/octet-stream). It is stored, then imported by a job; ' +
          'follow it at /api/hashsets/imports/{importId}.',
        response: { 202: ImportStarted, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const importId = await services.hashSets.startImport(actorOf(request), bodyStream(request), request.query);
      reply.code(202);
      return { importId };
    },
  );

  app.get(
    '/api/hashsets/imports/:id',
    {
      schema: { tags: ['hashsets'], params: IdParams, response: { 200: ImportProgress, ...errors(401, 404) } },
    },
    async (request) =>
      services.hashSets.importProgress(
        actorOf(request),
        request.params.id,
        messageLanguage(request.headers['accept-language']),
      ),
  );
};
