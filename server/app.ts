// The fastify application: external plugins, then app plugins, then routes (fastify/demo tiers).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { isDiskFull } from '../storage/object-store/faults.ts';
import { isDatabaseUnavailable } from '../storage/db.ts';
import { AppError, DatabaseUnavailable, InsufficientStorage, messageLanguage } from './errors.ts';
import auditDenied from './plugins/audit-denied.ts';
import authPlugin from './plugins/auth.ts';
import httpEdge, { clientErrorFor } from './plugins/http-edge.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { casesRoutes } from './routes/cases.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { dossiersRoutes } from './routes/dossiers.routes.ts';
import { hashSetsRoutes } from './routes/hashsets.routes.ts';
import { itemsRoutes } from './routes/items.routes.ts';
import { lookupRoutes } from './routes/lookup.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';
import { videoRoutes } from './routes/video.routes.ts';
import { devicesRoutes } from './routes/devices.routes.ts';
import { reportsRoutes } from './routes/reports.routes.ts';
import { caseTextRoutes } from './routes/case-text.routes.ts';
import { subjectsRoutes } from './routes/subjects.routes.ts';
import { cluesRoutes } from './routes/clues.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import type { Runtime } from './runtime.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDist = path.join(repoRoot, 'client', 'dist');

export type AppOptions = {
  logger?: boolean;
  serveClient?: boolean;
  extraRoutes?: Array<(app: FastifyInstance) => Promise<void>>;
};

const errorsOnly = (level: string) => (level === 'silent' || level === 'fatal' ? level : 'error');
/** A full disk or store below any route: 507 with what to do, never a bare 500. */
const storageFault = (error: Error) => (isDiskFull(error) ? new InsufficientStorage() : null);
/** The database restarting or unreachable: 503 and try again, never a 500 (and never a crash). */
const databaseAway = (error: Error) => (isDatabaseUnavailable(error) ? new DatabaseUnavailable() : null);

function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = messageLanguage(request.headers['accept-language']);
    const known =
      error instanceof AppError
        ? error
        : (clientErrorFor(error, request) ?? storageFault(error) ?? databaseAway(error));
    if (known) {
      // A full store is the operator's to fix: logged as an error, with its cause.
      // A database that is away is logged once per kind by the pool's throttled log, not per request.
      if (known instanceof DatabaseUnavailable) request.log.warn(known.code);
      else if (known.statusCode >= 500) request.log.error({ err: error }, known.code);
      else if (known !== error) request.log.warn({ err: error }, 'request refused');
      reply.headers(known.headers).code(known.statusCode).send({ code: known.code, message: known.messages[lang] });
      return;
    }
    if (error.validation) {
      const message =
        lang === 'en'
          ? `Invalid request: ${error.message}. Correct the input and try again.`
          : `Ongeldig verzoek: ${error.message}. Verbeter de invoer en probeer het opnieuw.`;
      reply.code(400).send({ code: 'BAD_INPUT', message });
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      const message =
        lang === 'en'
          ? 'Something went wrong on the server. Try again; if it persists, give the administrator the time of this error.'
          : 'Er ging iets mis op de server. Probeer het opnieuw; blijft het misgaan, geef dan de beheerder het tijdstip van deze fout.';
      reply.code(500).send({ code: 'INTERNAL', message });
      return;
    }
    reply.code(status).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
  });
}

/** Every resource's routes, in one list: a new resource adds one line here. */
async function registerRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { services } = runtime;
  await app.register(healthRoutes, { runtime });
  await app.register(authRoutes, { services, secureCookies: runtime.config.secureCookies });
  await app.register(usersRoutes, { services });
  await app.register(casesRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(evidenceRoutes, { services, maxUploadBytes: runtime.config.http.maxUploadBytes });
  await app.register(itemsRoutes, { services });
  await app.register(lookupRoutes, {
    services,
    maxImagePixels: runtime.config.ingest.maxImagePixels,
    maxLookupBytes: runtime.config.http.maxLookupBytes,
  });
  await app.register(exportRoutes, { services });
  await app.register(dossiersRoutes, { services });
  await app.register(hashSetsRoutes, { services, maxImportBytes: runtime.config.http.maxHashSetBytes });
  await app.register(mediaRoutes, { services });
  await app.register(videoRoutes, { services });
  await app.register(devicesRoutes, { services });
  await app.register(caseTextRoutes, { services });
  await app.register(reportsRoutes, { services, maxAttachmentBytes: runtime.config.http.maxAttachmentBytes });
  await app.register(subjectsRoutes, { services });
  await app.register(cluesRoutes, { services });
}

export async function buildApp(runtime: Runtime, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Without request logging, errors still reach stderr: a 5xx must never pass unseen.
    logger: opts.logger
      ? { level: runtime.config.logLevel }
      : { level: errorsOnly(runtime.config.logLevel), stream: process.stderr },
    trustProxy: runtime.config.trustProxy.length > 0 ? [...runtime.config.trustProxy] : false,
    bodyLimit: runtime.config.http.maxJsonBytes,
    // Inactivity timeouts, never a whole-request one: a slow multi-GB upload that keeps moving is not cut.
    connectionTimeout: runtime.config.http.idleTimeoutMs,
    keepAliveTimeout: runtime.config.http.keepAliveTimeoutMs,
    requestTimeout: 0,
    http: { headersTimeout: runtime.config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(httpEdge);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Spoor API',
        version: '0.1.0',
        description: 'Image identification and case management for TBKK and sexual-offences teams.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'spoor_session' } } },
      security: [{ session: [] }],
    },
  });
  errorHandler(app);
  await app.register(authPlugin, { services: runtime.services });
  await app.register(auditDenied, { services: runtime.services });

  await registerRoutes(app, runtime);
  for (const register of opts.extraRoutes ?? []) await register(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (opts.serveClient !== false && fs.existsSync(path.join(clientDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDist, wildcard: false });
    // The workbench is a single-page app: unknown non-API paths get index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/'))
        return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such API route.' });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found.' }));
  }
  return app;
}
