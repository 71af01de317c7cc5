// Another process that holds the embedded database of a data directory (like a long CLI command).
import { startEmbeddedPostgres } from '../../../storage/embedded-pg.ts';

const db = await startEmbeddedPostgres(process.env.HOLD_DIR!);
process.stdout.write('holding\n');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    void db.stop().finally(() => process.exit(0));
  });
}
setInterval(() => undefined, 60_000);
