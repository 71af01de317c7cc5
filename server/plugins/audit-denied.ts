// Denied attempts are audited: a case, evidence or media one may not open (answered as a plain 404) and any
// 403, with who tried, what they tried (the route) and on what. The answer itself stays exactly as it was.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, NotYours } from '../errors.ts';
import { actorOf } from './auth.ts';
import type { Services } from '../services/index.ts';

const TARGET_TYPES: Record<string, string> = {
  cases: 'case',
  evidence: 'evidence',
  hashsets: 'hashset',
  reports: 'report',
  signals: 'signal',
  clusters: 'cluster',
  users: 'user',
};

/** What was asked for: the route's kind of resource and its first id, with every path parameter kept in details. */
type DeniedTarget = { targetType: string | null; targetId: string | null; params: Record<string, string> };

function deniedTarget(request: FastifyRequest): DeniedTarget {
  const raw = (request.params ?? {}) as Record<string, unknown>;
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v).slice(0, 200)]));
  const kind = /^\/api\/([^/]+)/.exec(request.routeOptions.url ?? '')?.[1] ?? '';
  const first = Object.values(params)[0];
  return { targetType: TARGET_TYPES[kind] ?? (kind || null), targetId: first ?? null, params };
}

export default fp(
  async (app: FastifyInstance, opts: { services: Services }) => {
    // onError runs before the error handler answers, so the entry is written by the time the 404 or 403 is sent.
    app.addHook('onError', async (request, _reply, error) => {
      if (!request.user || !(error instanceof NotYours || error instanceof Forbidden)) return;
      const { targetType, targetId, params } = deniedTarget(request);
      const tried = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
      await opts.services.audit
        .record(actorOf(request), {
          action: 'access.denied',
          targetType,
          targetId,
          details: { tried, status: error.statusCode, params },
        })
        .catch((failure: Error) => request.log.error({ err: failure }, 'audit of a denied attempt failed'));
    });
  },
  { name: 'spoor-audit-denied', dependencies: ['spoor-auth'] },
);
