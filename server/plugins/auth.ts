// Resolves the session cookie to a user on every request; routes opt in with `app.requireUser`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserRow } from '../../storage/repositories/users.repository.ts';
import { Forbidden, Unauthorized } from '../errors.ts';
import type { Actor } from '../services/actor.ts';
import type { Services } from '../services/index.ts';

export const SESSION_COOKIE = 'spoor_session';

declare module 'fastify' {
  interface FastifyRequest { user: UserRow | null; sessionToken: string | null }
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

export default fp(async (app: FastifyInstance, opts: { services: Services }) => {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.sessionToken = token;
    request.user = await opts.services.auth.userForToken(token);
  });
  app.decorate('requireUser', async (request: FastifyRequest) => {
    if (!request.user) throw new Unauthorized('Your session has ended. Sign in again to continue.');
  });
  app.decorate('requireAdmin', async (request: FastifyRequest) => {
    if (!request.user) throw new Unauthorized('Your session has ended. Sign in again to continue.');
    if (request.user.role !== 'admin') throw new Forbidden('Only an administrator can do this.');
  });
}, { name: 'spoor-auth' });
