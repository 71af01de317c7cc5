// Evidence: uploading an export (streamed to the object store) and following its processing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../plugins/auth.ts';
import { NO_BODY } from '../plugins/http-edge.ts';
import { bodyStream, streamBody, streamParsers } from '../plugins/raw-body.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { Evidence, Progress, ResumeResult, UploadQuery } from '../schemas/evidence.ts';
import { presentEvidence } from '../presenters/evidence.ts';
import type { Services } from '../services/index.ts';

const GiB = 1024 ** 3;
const uploadTooLarge = (max: number) => ({
  nl:
    `De upload is groter dan het maximum van ${(max / GiB).toFixed(1)} GiB (SPOOR_MAX_UPLOAD_BYTES). ` +
    'Splits de export in delen, of vraag de beheerder het maximum te verhogen.',
  en:
    `The upload is larger than the maximum of ${(max / GiB).toFixed(1)} GiB (SPOOR_MAX_UPLOAD_BYTES). ` +
    'Split the export into parts, or ask the administrator to raise the maximum.',
});

type Options = { services: Services; maxUploadBytes: number };

/** Uploading an export to a case, and the case's evidence list. */
const uploadRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, maxUploadBytes }) => {
  const { ingest } = services;
  app.post(
    '/api/cases/:id/evidence',
    {
      // Sign-in, case write access and the declared size are checked before the first byte is read.
      ...streamBody({
        types: ['application/octet-stream'],
        maxBytes: maxUploadBytes,
        tooLarge: uploadTooLarge,
        authorise: (request) =>
          services.cases.open(actorOf(request), { id: (request.params as { id: string }).id }, 'write'),
      }),
      schema: {
        tags: ['evidence'],
        description: 'Upload an export as the raw request body (Content-Type: application/octet-stream).',
        params: IdParams,
        querystring: UploadQuery,
        response: { 201: Evidence, ...errors(400, 401, 403, 404, 409, 413, 415, 507) },
      },
    },
    async (request, reply) => {
      const ev = await ingest.upload(actorOf(request), request.params.id, {
        body: bodyStream(request),
        originalName: request.query.name,
        expectedSha256: request.query.sha256,
      });
      reply.code(201);
      return presentEvidence(ev);
    },
  );

  app.get(
    '/api/cases/:id/evidence',
    { schema: { tags: ['evidence'], params: IdParams, response: { 200: Type.Array(Evidence), ...errors(401, 404) } } },
    async (request) => (await ingest.list(actorOf(request), request.params.id)).map(presentEvidence),
  );
};

/** One evidence's processing: progress, the stored copy's checksum, and resuming a paused ingest. */
const processingRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { ingest } }) => {
  app.get(
    '/api/evidence/:id/progress',
    { schema: { tags: ['evidence'], params: IdParams, response: { 200: Progress, ...errors(401, 404) } } },
    async (request) => ingest.progress(actorOf(request), request.params.id),
  );

  app.post(
    '/api/evidence/:id/verify',
    {
      config: NO_BODY,
      schema: {
        tags: ['evidence'],
        params: IdParams,
        response: {
          200: Type.Object({ ok: Type.Boolean(), expected: Type.String(), actual: Type.String() }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => ingest.verify(actorOf(request), request.params.id),
  );

  // "Hervatten": continue a paused ingest now; it also resumes by itself once the store takes writes again.
  app.post(
    '/api/evidence/:id/resume',
    {
      config: NO_BODY,
      schema: {
        tags: ['evidence'],
        description: 'Resume a paused ingest (full disk, passing I/O fault) of this evidence.',
        params: IdParams,
        response: { 200: ResumeResult, ...errors(401, 403, 404) },
      },
    },
    async (request) => ingest.resume(actorOf(request), request.params.id),
  );
};

/** Server-sent events: one `progress` event a second until the evidence is done. */
const progressEventRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { ingest } }) => {
  app.get(
    '/api/evidence/:id/events',
    {
      schema: {
        tags: ['evidence'],
        params: IdParams,
        produces: ['text/event-stream'],
        response: { ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await ingest.openEvidence(actor, request.params.id);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      let open = true;
      request.raw.on('close', () => {
        open = false;
      });
      while (open) {
        const progress = await ingest.progress(null, request.params.id);
        reply.raw.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
        if (progress.done) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      reply.raw.end();
    },
  );
};

export const evidenceRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  // Uploads are streamed straight to the object store: never parsed or buffered whole.
  streamParsers(app, ['application/octet-stream']);
  await app.register(uploadRoutes, opts);
  await app.register(processingRoutes, opts);
  await app.register(progressEventRoutes, opts);
};
