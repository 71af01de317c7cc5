import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Runtime } from '../runtime.ts';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.String() });
const Health = Type.Object({ ok: Type.Boolean(), database: Check, objectStore: Check, queue: Check });

async function check(fn: () => Promise<string>) {
  try {
    return { ok: true, detail: await fn() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message.slice(0, 200) };
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox<{ runtime: Runtime }> = async (app, { runtime }) => {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const [database, objectStore, queue] = await Promise.all([
        check(async () => {
          await runtime.pool.query('SELECT 1');
          return runtime.embedded ? 'embedded PostgreSQL' : 'PostgreSQL';
        }),
        check(async () => {
          await runtime.store.ping();
          return runtime.store.kind === 'fs' ? 'local folder store' : 'S3';
        }),
        check(async () => {
          await runtime.boss.getQueues();
          return 'pg-boss';
        }),
      ]);
      const ok = database.ok && objectStore.ok && queue.ok;
      reply.code(ok ? 200 : 503);
      return { ok, database, objectStore, queue };
    },
  );
};
