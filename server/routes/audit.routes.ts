import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Forbidden, messageLanguage } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { errors, RowId } from '../schemas/common.ts';
import { presentAuditEntry } from '../presenters/audit.ts';
import type { Services } from '../services/index.ts';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  caseId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});
const Verify = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  firstBrokenId: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  checkpoints: Type.Integer({ description: 'Signed checkpoints of the chain head held against the log.' }),
  lastCheckpointAt: Type.Union([Type.String(), Type.Null()]),
});
const Query = Type.Object({
  caseId: Type.Optional(Type.String({ format: 'uuid' })),
  action: Type.Optional(Type.String()),
  before: Type.Optional(RowId({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/audit/verify',
    { onRequest: app.requireAdmin, schema: { tags: ['audit'], response: { 200: Verify, ...errors(401, 403) } } },
    async (request) => services.audit.verify(messageLanguage(request.headers['accept-language'])),
  );

  // Admins see everything; others see the trail of a case they may open.
  app.get(
    '/api/audit',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['audit'],
        querystring: Query,
        response: { 200: Type.Array(AuditEntry), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { caseId, action, before, limit } = request.query;
      if (actor.role !== 'admin') {
        if (!caseId) throw new Forbidden('Pass caseId to see the audit trail of a case you work on.');
        await services.cases.open(actor, { id: caseId });
      }
      const rows = await services.audit.recent({ caseId, action, beforeId: before, limit: limit ?? 100 });
      return rows.map(presentAuditEntry);
    },
  );
};
