// `npm run worker`: job handlers only, for scale-out. Needs DATABASE_URL (or a running `npm start`
// on the same data directory) so every worker shares one database and object store.
import { ConfigError, loadConfig } from './config.ts';
import { onShutdownSignal, startRuntime } from './runtime.ts';
import { startAllWorkers } from './workers.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { log });
  const queues = await startAllWorkers(runtime);
  log(`Spoor worker ${process.pid} started (${queues} queues, concurrency ${config.workerConcurrency}).`);
  onShutdownSignal(async () => {
    log('Stopping worker: finishing jobs in hand…');
    await runtime.stop();
  });
}

main().catch((error: Error) => {
  log(error instanceof ConfigError ? error.message : `Worker could not start: ${error.stack ?? error.message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
