// `npm run worker`: job handlers only, for scale-out. Needs DATABASE_URL (or a running `npm start`
// on the same data directory) so every worker shares one database and object store.
import { ConfigError, loadConfig } from './config.ts';
import { onShutdownSignal, startRuntime } from './runtime.ts';
import { startAllWorkers } from './workers.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { log, anchorAudit: false });
  const queues = await startAllWorkers(runtime);
  // Before the "started" line, so a SIGTERM sent on seeing it is not lost (see server/main.ts).
  onShutdownSignal(async () => {
    log('Stopping worker: finishing jobs in hand…');
    await runtime.stop();
  });
  log(`Spoor worker ${process.pid} started (${queues} queues, concurrency ${config.workerConcurrency}).`);
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(error instanceof ConfigError ? error.message : `Worker could not start: ${detail}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
