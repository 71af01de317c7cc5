// Wires the job handlers in workers/ to this process's runtime.
import { registerIngestWorkers } from '../workers/register.ts';
import type { Runtime } from './runtime.ts';

export async function startAllWorkers(runtime: Runtime): Promise<number> {
  const { pool, store, boss, config } = runtime;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const queues = await registerIngestWorkers(boss, { pool, store, boss, limits: config.ingest, log }, runtime.services.indexes, config.workerConcurrency);
  // Warm the in-memory PDQ indexes now, in the background, rather than on the first match.
  runtime.services.indexes.ready().catch((error: Error) => log(`PDQ index load failed (retried on first use): ${error.message}`));
  return queues.length;
}
