import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../plugins/auth.ts';
import { Case, CaseCreate, CasePatch, Member, MemberAdd } from '../schemas/cases.ts';
import { errors, IdParams } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { presentCase, presentMember } from '../presenters/cases.ts';

type Options = { services: Services };

/** The cases themselves: list, create, open and edit. */
const caseRecordRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { cases } }) => {
  app.get(
    '/api/cases',
    { schema: { tags: ['cases'], response: { 200: Type.Array(Case), ...errors(401) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await cases.list(actor);
      return Promise.all(rows.map(async (c) => presentCase({ ...c, access: await cases.accessTo(actor, c) })));
    },
  );

  app.post(
    '/api/cases',
    { schema: { tags: ['cases'], body: CaseCreate, response: { 201: Case, ...errors(400, 401, 403, 409) } } },
    async (request, reply) => {
      const created = await cases.create(actorOf(request), request.body);
      reply.code(201);
      return presentCase({ ...created, access: 'write' });
    },
  );

  app.get(
    '/api/cases/:id',
    { schema: { tags: ['cases'], params: IdParams, response: { 200: Case, ...errors(401, 404) } } },
    async (request) => presentCase(await cases.open(actorOf(request), { id: request.params.id })),
  );

  app.patch(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: CasePatch,
        response: { 200: Case, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const updated = await cases.update(actor, request.params.id, request.body);
      return presentCase({ ...updated, access: await cases.accessTo(actor, updated) });
    },
  );
};

/** A case's members: who may open it. */
const caseMemberRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { cases } }) => {
  app.get(
    '/api/cases/:id/members',
    { schema: { tags: ['cases'], params: IdParams, response: { 200: Type.Array(Member), ...errors(401, 404) } } },
    async (request) => (await cases.members(actorOf(request), request.params.id)).map(presentMember),
  );

  app.post(
    '/api/cases/:id/members',
    {
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: MemberAdd,
        response: { 200: Type.Array(Member), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      (await cases.addMember(actorOf(request), request.params.id, request.body.username)).map(presentMember),
  );

  // Members are managed by the owning unit's leads and admins (403 for others); the last member stays (409).
  app.delete(
    '/api/cases/:id/members/:username',
    {
      schema: {
        tags: ['cases'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), username: Type.String() }),
        response: { 200: Type.Array(Member), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) =>
      (await cases.removeMember(actorOf(request), request.params.id, request.params.username)).map(presentMember),
  );
};

export const casesRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(caseRecordRoutes, opts);
  await app.register(caseMemberRoutes, opts);
};
