// Victims and series of a case (/api/cases/:id/victims and /series, the same shape), and the subjects one content
// is attached to (for the grid detail). Need-to-know as for media: outsiders 404, prosecutors read-only (403).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams, Ok } from '../schemas/common.ts';
import { MediaParams } from '../schemas/media.ts';
import {
  Attach,
  AttachResult,
  Detach,
  MediaSubjects,
  NewSubject,
  Subject,
  SubjectList,
  SubjectParams,
  SubjectPatch,
} from '../schemas/subjects.ts';
import type { Services } from '../services/index.ts';

type Options = { services: Services; kind: 'victim' | 'series'; path: 'victims' | 'series' };

const subjectKindRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, kind, path }) => {
  const subjects = services.subjects;
  const tags = ['victim identification'];
  const base = `/api/cases/:id/${path}`;
  const audited = `Audited as ${kind}.`;

  app.get(
    base,
    { schema: { tags, params: IdParams, response: { 200: SubjectList, ...errors(401, 404) } } },
    (request) => subjects.list(actorOf(request), request.params.id, kind),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        description: `${audited}create. A victim's label is a pseudonym with a digit (S-01), never a name.`,
        params: IdParams,
        body: NewSubject,
        response: { 201: Subject, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return subjects.create(actorOf(request), request.params.id, kind, request.body);
    },
  );

  app.patch(
    `${base}/:subjectId`,
    {
      schema: {
        tags,
        description: `${audited}update.`,
        params: SubjectParams,
        body: SubjectPatch,
        response: { 200: Subject, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => subjects.update(actorOf(request), request.params.id, kind, request.params.subjectId, request.body),
  );

  app.delete(
    `${base}/:subjectId`,
    {
      schema: {
        tags,
        description: `${audited}delete.`,
        params: SubjectParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => subjects.remove(actorOf(request), request.params.id, kind, request.params.subjectId),
  );
};

/** Attaching and detaching media (or whole near-duplicate groups). */
const subjectMediaRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, kind, path }) => {
  const subjects = services.subjects;
  const tags = ['victim identification'];
  const base = `/api/cases/:id/${path}`;
  const audited = `Audited as ${kind}.`;

  app.post(
    `${base}/:subjectId/attach`,
    {
      schema: {
        tags,
        description: `${audited}attach. Media by hash and/or whole near-duplicate groups; all or nothing.`,
        params: SubjectParams,
        body: Attach,
        response: { 200: AttachResult, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => subjects.attach(actorOf(request), request.params.id, kind, request.params.subjectId, request.body),
  );

  app.post(
    `${base}/:subjectId/detach`,
    {
      schema: {
        tags,
        description: `${audited}detach.`,
        params: SubjectParams,
        body: Detach,
        response: { 200: AttachResult, ...errors(400, 401, 403, 404) },
      },
    },
    (request) =>
      subjects.detach(actorOf(request), request.params.id, kind, request.params.subjectId, request.body.sha256s),
  );
};

export const subjectsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onRequest', app.requireUser);
  for (const opts of [
    { services, kind: 'victim', path: 'victims' },
    { services, kind: 'series', path: 'series' },
  ] as const) {
    await app.register(subjectKindRoutes, opts);
    await app.register(subjectMediaRoutes, opts);
  }

  app.get(
    '/api/cases/:id/media/:sha256/subjects',
    {
      schema: {
        tags: ['victim identification'],
        description: 'The victims and series this content is attached to in the case.',
        params: MediaParams,
        response: { 200: MediaSubjects, ...errors(400, 401, 404) },
      },
    },
    (request) => services.subjects.forMedia(actorOf(request), request.params.id, request.params.sha256),
  );
};
