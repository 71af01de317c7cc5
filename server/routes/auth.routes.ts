import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.ts';
import { errors, Ok, User } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { presentUser } from '../presenters/users.ts';

const Login = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'At least 12 characters, not common or repetitive.',
    }),
  },
  { additionalProperties: false },
);
const Settings = Type.Object(
  {
    language: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
    blur: Type.Optional(Type.Integer({ minimum: 0, maximum: 40 })),
    greyscale: Type.Optional(Type.Boolean()),
    thumbSize: Type.Optional(Type.Integer({ minimum: 64, maximum: 256 })),
  },
  { additionalProperties: false },
);

type Options = { services: Services; secureCookies: 'auto' | boolean };

/** Signing in and out: the session cookie is set and cleared only here. */
const sessionRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services, secureCookies }) => {
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: Login, response: { 200: Type.Object({ user: User }), ...errors(400, 401, 429) } },
    },
    async (request, reply) => {
      const { token, user, expiresAt } = await services.auth.login(
        request.body.username,
        request.body.password,
        request.ip,
      );
      const secure = secureCookies === 'auto' ? request.protocol === 'https' : secureCookies;
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: expiresAt,
      });
      return { user: presentUser(user) };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: Ok } } }, async (request, reply) => {
    if (request.sessionToken) await services.auth.logout(request.sessionToken, request.user, request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get(
    '/api/auth/me',
    {
      onRequest: app.requireUser,
      schema: { tags: ['auth'], response: { 200: Type.Object({ user: User }), ...errors(401) } },
    },
    async (request) => ({ user: presentUser(request.user!) }),
  );
};

/** One's own account: the password and the workbench settings. */
const accountRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  app.post(
    '/api/auth/password',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        description: "Change one's own password; ends one's other sessions.",
        body: PasswordChange,
        response: { 200: Type.Object({ user: User }), ...errors(400, 401, 429) },
      },
    },
    async (request) => {
      const user = await services.auth.changePassword(request.user!, request.sessionToken!, request.body, request.ip);
      return { user: presentUser(user) };
    },
  );

  app.put(
    '/api/auth/settings',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        description: 'Audited as user.settings with the old and new values.',
        body: Settings,
        response: { 200: Type.Object({ user: User }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await services.users.updateSettings(actorOf(request), request.body);
      return { user: presentUser((await services.users.byUsername(request.user!.username))!) };
    },
  );
};

export const authRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  await app.register(sessionRoutes, opts);
  await app.register(accountRoutes, opts);
};
