// The fastify application: external plugins, then app plugins, then routes (fastify/demo tiers).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { AppError, messageLanguage } from './errors.ts';
import authPlugin from './plugins/auth.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { casesRoutes } from './routes/cases.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { lookupRoutes } from './routes/lookup.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import type { Runtime } from './runtime.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const clientDist = path.join(repoRoot, 'client', 'dist');

export type AppOptions = { logger?: boolean; serveClient?: boolean; extraRoutes?: Array<(app: FastifyInstance) => Promise<void>> };

function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = messageLanguage(request.headers['accept-language']);
    if (error instanceof AppError) {
      reply.headers(error.headers).code(error.statusCode).send({ code: error.code, message: error.messages[lang] });
      return;
    }
    if (error.validation) {
      const message = lang === 'en'
        ? `Invalid request: ${error.message}. Correct the input and try again.`
        : `Ongeldig verzoek: ${error.message}. Verbeter de invoer en probeer het opnieuw.`;
      reply.code(400).send({ code: 'BAD_INPUT', message });
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      const message = lang === 'en'
        ? 'Something went wrong on the server. Try again; if it persists, give the administrator the time of this error.'
        : 'Er ging iets mis op de server. Probeer het opnieuw; blijft het misgaan, geef dan de beheerder het tijdstip van deze fout.';
      reply.code(500).send({ code: 'INTERNAL', message });
      return;
    }
    reply.code(status).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
  });
}

export async function buildApp(runtime: Runtime, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: runtime.config.logLevel } : false,
    trustProxy: false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: 'Spoor API', version: '0.1.0', description: 'Image identification and case management for TBKK and sexual-offences teams.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'spoor_session' } } }, security: [{ session: [] }] },
  });
  errorHandler(app);
  await app.register(authPlugin, { services: runtime.services });

  const { services } = runtime;
  await app.register(healthRoutes, { runtime });
  await app.register(authRoutes, { services, secureCookies: runtime.config.secureCookies });
  await app.register(usersRoutes, { services });
  await app.register(casesRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(evidenceRoutes, { services });
  await app.register(lookupRoutes, { services, maxImagePixels: runtime.config.ingest.maxImagePixels });
  await app.register(mediaRoutes, { services });
  for (const register of opts.extraRoutes ?? []) await register(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (opts.serveClient !== false && fs.existsSync(path.join(clientDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDist, wildcard: false });
    // The workbench is a single-page app: unknown non-API paths get index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such API route.' });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found.' }));
  }
  return app;
}
