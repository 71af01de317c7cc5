import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFound } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { errors, Role, Unit, User } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { presentUser } from '../presenters/users.ts';

const UserCreate = Type.Object({
  username: Type.String({ minLength: 2, maxLength: 64 }),
  unit: Type.String({ minLength: 1 }),
  role: Role,
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  contact: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
});
const UserPatch = Type.Object({
  disabled: Type.Optional(Type.Boolean()),
  resetPassword: Type.Optional(Type.Boolean()),
});
const UsernameParams = Type.Object({ username: Type.String() });

export const usersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/units',
    { onRequest: app.requireUser, schema: { tags: ['users'], response: { 200: Type.Array(Unit), ...errors(401) } } },
    async () => services.users.units(),
  );

  app.get(
    '/api/users',
    {
      onRequest: app.requireUser,
      schema: { tags: ['users'], response: { 200: Type.Array(User), ...errors(401, 403) } },
    },
    async (request) => (await services.users.list(actorOf(request))).map(presentUser),
  );

  app.post(
    '/api/users',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['users'],
        body: UserCreate,
        response: { 201: Type.Object({ user: User, password: Type.String() }), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      // An administrator chooses this password for someone else: it is one-time, like a generated one.
      const { user, password } = await services.users.create(actorOf(request), { ...request.body, oneTime: true });
      reply.code(201);
      return { user: presentUser(user), password };
    },
  );

  app.patch(
    '/api/users/:username',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['users'],
        params: UsernameParams,
        body: UserPatch,
        response: {
          200: Type.Object({ user: User, password: Type.Union([Type.String(), Type.Null()]) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (request.body.disabled !== undefined)
        await services.users.setDisabled(actor, request.params.username, request.body.disabled);
      const password = request.body.resetPassword
        ? await services.users.resetPassword(actor, request.params.username)
        : null;
      const user = await services.users.byUsername(request.params.username);
      if (!user) throw new NotFound(`No user "${request.params.username}".`);
      return { user: presentUser(user), password };
    },
  );
};
