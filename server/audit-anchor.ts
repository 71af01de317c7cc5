// Opens the audit log for a process: loads the key kept outside the database, refuses a key the log was not
// written with, and checkpoints the chain head at start, every few seconds while it moves, and at clean shutdown.
import { loadAuditKey } from '../storage/audit-key.ts';
import type { Pool } from '../storage/db.ts';
import { ConfigError, type Config } from './config.ts';
import { auditService, type AuditService } from './services/audit.service.ts';

type Log = (line: string) => void;

async function assertSameKey(audit: AuditService): Promise<{ keyed: boolean }> {
  const head = await audit.head();
  if (head?.key_id && head.key_id !== audit.key.id) {
    // Writing on with another key would make every later entry read as forged.
    throw new ConfigError(
      'SPOOR_AUDIT_KEY or SPOOR_AUDIT_KEY_FILE',
      `the audit key this database's log is keyed with (key id ${head.key_id}; copy it from the server)`,
      `key id ${audit.key.id}`,
    );
  }
  return { keyed: !!head?.key_id };
}

/** `anchor: false` (scale-out workers) still checks the key, but leaves checkpoints to the server. */
export async function openAuditLog(pool: Pool, config: Config, log: Log, anchor: boolean) {
  const { audit: settings } = config;
  const key = await loadAuditKey({ secret: settings.key, file: settings.keyFile }, log);
  const audit = auditService(pool, key, settings.checkpointFile);
  const { keyed } = await assertSameKey(audit);
  if (!anchor) return { audit, stop: async () => undefined };
  if (keyed && !(await audit.checkpointFileExists())) {
    log(
      `audit: the checkpoint file ${settings.checkpointFile} is missing although the log holds keyed entries; ` +
        'a new one is started, and `spoor audit verify` reports the gap until the old file is restored.',
    );
  }
  await audit.checkpoint();
  const timer = setInterval(() => {
    audit.checkpoint().catch((error: Error) => log(`audit: checkpoint failed (retried): ${error.message}`));
  }, settings.checkpointSeconds * 1000);
  timer.unref();
  return {
    audit,
    stop: async () => {
      clearInterval(timer);
      await audit.checkpoint();
    },
  };
}
