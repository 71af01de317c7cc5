import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HashSetRow } from '../../storage/repositories/hashsets.repository.ts';
import { BadInput, Forbidden } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { HashSet, ImportProgress, ImportQuery, LookupBody, LookupResult, Match } from '../schemas/lookup.ts';
import type { Services } from '../services/index.ts';

const presentSet = (s: HashSetRow) => ({
  id: s.id, name: s.name, source: s.source, version: s.version, format: s.format, profile: s.profile, scheme: s.scheme, visibility: s.visibility,
  unit: s.unit_name, radius: s.near_radius, entries: s.entries, skipped: s.skipped, status: s.status, importedBy: s.imported_by_name,
  importedAt: s.imported_at.toISOString(), error: s.error,
});

const MAX_LOOKUP_IMAGE = 256 * 1024 * 1024;

export const lookupRoutes: FastifyPluginAsyncTypebox<{ services: Services; maxImagePixels: number }> = async (app, { services, maxImagePixels }) => {
  app.addHook('onRequest', app.requireUser);
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null));

  app.post('/api/lookup', { schema: { tags: ['lookup'], body: LookupBody, response: { 200: LookupResult, ...errors(400, 401) } } },
    async (request) => services.lookup.byHash(actorOf(request), request.body));

  app.post('/api/lookup/image', {
    bodyLimit: MAX_LOOKUP_IMAGE,
    schema: { tags: ['lookup'], description: 'Raw image bytes as the body; hashed like ingest, never stored.', querystring: Type.Object({ radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })) }),
      response: { 200: LookupResult, ...errors(400, 401, 413) } },
  }, async (request) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request.raw) {
      size += (chunk as Buffer).length;
      if (size > MAX_LOOKUP_IMAGE) throw new BadInput('The image is larger than 256 MB; look up its hash instead.');
      chunks.push(chunk as Buffer);
    }
    if (size === 0) throw new BadInput('Send the image as the request body.');
    return services.lookup.byImage(actorOf(request), Buffer.concat(chunks), request.query.radius, maxImagePixels);
  });

  app.get('/api/cases/:id/media/:sha256/matches', {
    schema: { tags: ['lookup'], params: Type.Object({ id: Type.String({ format: 'uuid' }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      response: { 200: Type.Object({ matches: Type.Array(Match) }), ...errors(401, 404) } },
  }, async (request) => ({ matches: await services.lookup.forMedia(actorOf(request), request.params.id, request.params.sha256) }));

  app.post('/api/cases/:id/rematch', { schema: { tags: ['lookup'], description: 'Match the whole case again against current hash sets and cases.', params: IdParams,
    response: { 202: Type.Object({ queued: Type.Integer() }), ...errors(401, 403, 404) } } }, async (request, reply) => {
    reply.code(202);
    return services.lookup.rematchCase(actorOf(request), { id: request.params.id });
  });

  app.get('/api/hashsets', { schema: { tags: ['hashsets'], response: { 200: Type.Array(HashSet), ...errors(401) } } },
    async (request) => (await services.hashSets.list(actorOf(request))).map(presentSet));

  // The body is spooled to a temp file first so the response (202 + id) never races the upload.
  app.post('/api/hashsets/import', {
    bodyLimit: Number.MAX_SAFE_INTEGER,
    schema: { tags: ['hashsets'], querystring: ImportQuery, response: { 202: Type.Object({ importId: Type.String() }), ...errors(400, 401, 403) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.role !== 'admin' && actor.role !== 'lead') throw new Forbidden('Only administrators and leads can import hash sets.');
    const spool = path.join(os.tmpdir(), `spoor-hashset-${randomUUID()}`);
    try {
      await pipeline(request.raw, fs.createWriteStream(spool, { mode: 0o600 }));
    } catch (error) {
      await fsp.rm(spool, { force: true });
      throw error;
    }
    const input = fs.createReadStream(spool);
    input.on('close', () => void fsp.rm(spool, { force: true }));
    const importId = services.hashSets.startImport(actor, input, request.query, () => input.destroy());
    reply.code(202);
    return { importId };
  });

  app.get('/api/hashsets/imports/:id', { schema: { tags: ['hashsets'], params: IdParams, response: { 200: ImportProgress, ...errors(401, 404) } } },
    async (request) => services.hashSets.importProgress(request.params.id));

  app.get('/api/cases/:id/export/vics', {
    schema: { tags: ['export'], params: IdParams, produces: ['application/json'], response: { ...errors(401, 404) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const c = await services.cases.open(actor, { id: request.params.id });
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${c.number.replace(/[^A-Za-z0-9._-]/g, '_')}-vics.json"` });
    try {
      await services.exports.vics(actor, { id: c.id }, reply.raw);
    } catch (error) {
      request.log.warn({ err: error }, 'export stopped');
      reply.raw.destroy(); // a half-written file must not look complete
    } finally {
      if (!reply.raw.destroyed) reply.raw.end();
    }
  });
};
