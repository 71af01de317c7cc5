// Dossiers for the prosecutor (issue 13): start a generation, follow it, list, download as a zip, the unit's public
// key, and the check of an uploaded dossier zip (the raw request body).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { messageLanguage } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { bodyStream, streamBody, streamParsers } from '../plugins/raw-body.ts';
import { presentDossierJob, presentVerification } from '../presenters/dossiers.ts';
import { errors, IdParams } from '../schemas/common.ts';
import {
  DossierJob,
  DossierJobParams,
  DossierKey,
  DossierParams,
  DossierRequest,
  DossierStarted,
  DossierVerification,
} from '../schemas/dossiers.ts';
import type { Services } from '../services/index.ts';

const ZIP_TYPES = ['application/zip', 'application/octet-stream'];
const MAX_VERIFY_BYTES = 8 * 1024 ** 3;
const tooLarge = () => ({
  nl: 'Dit bestand is groter dan 8 GB en is geen dossier van Spoor. Controleer het bestand met `spoor dossier verify`.',
  en: 'This file is larger than 8 GB and is not a Spoor dossier. Check it with `spoor dossier verify`.',
});

const lang = (h: string | undefined) => messageLanguage(h);

/** A case's dossiers: generate, follow, list. */
const dossierJobRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/api/cases/:id/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        params: IdParams,
        body: DossierRequest,
        response: { 202: DossierStarted, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const jobId = await services.dossiers.start(actorOf(request), request.params.id, request.body.annex ?? []);
      reply.code(202);
      return { jobId };
    },
  );

  app.get(
    '/api/cases/:id/dossiers',
    {
      schema: { tags: ['dossiers'], params: IdParams, response: { 200: Type.Array(DossierJob), ...errors(401, 404) } },
    },
    async (request) =>
      (await services.dossiers.list(actorOf(request), request.params.id)).map((r) =>
        presentDossierJob(r, lang(request.headers['accept-language'])),
      ),
  );

  app.get(
    '/api/cases/:id/dossiers/jobs/:jobId',
    { schema: { tags: ['dossiers'], params: DossierJobParams, response: { 200: DossierJob, ...errors(401, 404) } } },
    async (request) =>
      presentDossierJob(
        await services.dossiers.job(actorOf(request), request.params.id, request.params.jobId),
        lang(request.headers['accept-language']),
      ),
  );
};

/** One dossier's files as a zip, the unit's public key, and the check of an uploaded zip. */
const dossierFileRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  streamParsers(app, ZIP_TYPES);

  app.get(
    '/api/cases/:id/dossiers/:dossierId/zip',
    {
      schema: {
        tags: ['dossiers'],
        description: 'The dossier as a zip: dossier.pdf, items.csv, vics.json, case.jsonld, manifest.sha256/.sig.',
        params: DossierParams,
        produces: ['application/zip'],
        response: { 200: Type.Unknown({ description: 'The zip (application/zip), streamed.' }), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const { name, stream } = await services.dossiers.zip(
        actorOf(request),
        request.params.id,
        request.params.dossierId,
      );
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${name}"`);
      return reply.send(stream);
    },
  );

  app.get(
    '/api/cases/:id/dossiers/key',
    { schema: { tags: ['dossiers'], params: IdParams, response: { 200: DossierKey, ...errors(401, 404) } } },
    async (request) => ({
      ...(await services.dossiers.publicKey(actorOf(request), request.params.id)),
      algorithm: 'Ed25519' as const,
    }),
  );

  app.post(
    '/api/dossiers/verify',
    {
      ...streamBody({ types: ZIP_TYPES, maxBytes: MAX_VERIFY_BYTES, tooLarge }),
      schema: {
        tags: ['dossiers'],
        description: 'A downloaded dossier zip as the raw body: checked against its manifest and the unit key.',
        response: { 200: DossierVerification, ...errors(400, 401, 413, 415) },
      },
    },
    async (request) =>
      presentVerification(
        await services.dossiers.verifyUpload(actorOf(request), bodyStream(request)),
        lang(request.headers['accept-language']),
      ),
  );
};

export const dossiersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(dossierJobRoutes, opts);
  await app.register(dossierFileRoutes, opts);
};
