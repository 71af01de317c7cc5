// Resolves the session cookie to a user on every request; routes opt in with `app.requireUser`. A user with a
// one-time password reaches only the routes in PASSWORD_CHANGE_ROUTES until they have chosen their own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserRow } from '../../storage/repositories/users.repository.ts';
import { AppError, Forbidden, Unauthorized } from '../errors.ts';
import type { Actor } from '../services/actor.ts';
import type { Services } from '../services/index.ts';

export const SESSION_COOKIE = 'spoor_session';

const PASSWORD_CHANGE_ROUTES = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/login',
  '/api/auth/password',
  '/api/health',
]);

const passwordChangeRequired = () =>
  new AppError(403, 'PASSWORD_CHANGE_REQUIRED', {
    nl: 'U bent ingelogd met een eenmalig wachtwoord. Kies eerst een eigen wachtwoord; daarna kunt u verder.',
    en: 'You signed in with a one-time password. Choose your own password first; then you can carry on.',
  });

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRow | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  if (!user) throw new Unauthorized();
  return { id: user.id, username: user.username, role: user.role, unitId: user.unit_id, ip: request.ip };
}

export default fp(
  async (app: FastifyInstance, opts: { services: Services }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      request.sessionToken = token;
      request.user = await opts.services.auth.userForToken(token);
      const url = request.routeOptions.url ?? request.url;
      if (request.user?.must_change_password && url.startsWith('/api/') && !PASSWORD_CHANGE_ROUTES.has(url)) {
        throw passwordChangeRequired();
      }
    });
    app.decorate('requireUser', async (request: FastifyRequest) => {
      if (!request.user) throw new Unauthorized('Your session has ended. Sign in again to continue.');
    });
    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      if (!request.user) throw new Unauthorized('Your session has ended. Sign in again to continue.');
      if (request.user.role !== 'admin') throw new Forbidden('Only an administrator can do this.');
    });
  },
  { name: 'spoor-auth' },
);
