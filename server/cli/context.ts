// Runs a CLI command against a runtime: the running server's database when one is up on the same
// data directory, otherwise an embedded one started for the command and stopped afterwards.
import os from 'node:os';
import { loadConfig, ConfigError } from '../config.ts';
import { ensureAdmin, startRuntime, type Runtime } from '../runtime.ts';
import type { Actor } from '../services/actor.ts';
import { AppError } from '../errors.ts';

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** The CLI acts as the local administrator; the audit trail records that it came from the CLI. */
async function cliActor(runtime: Runtime): Promise<Actor> {
  const admin = await runtime.services.users.byUsername('admin');
  if (!admin) throw new Error('No admin account exists yet.');
  return {
    id: admin.id,
    username: admin.username,
    role: 'admin',
    unitId: admin.unit_id,
    ip: `cli:${os.userInfo().username}`,
  };
}

export async function withRuntime<T>(
  work: (runtime: Runtime, actor: Actor) => Promise<T>,
  opts: { workers?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { log });
  try {
    const password = await ensureAdmin(runtime);
    if (password) log(`Created account "admin" with one-time password: ${password}`);
    if (opts.workers) await (await import('../workers.ts')).startAllWorkers(runtime);
    return await work(runtime, await cliActor(runtime));
  } finally {
    await runtime.stop();
  }
}

/** Turns expected failures into a one-line message and exit code instead of a stack trace. */
export function runCommand<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      if (error instanceof AppError || error instanceof ConfigError) {
        log(`spoor: ${error.message}`);
        process.exitCode = error instanceof ConfigError ? 2 : 1;
      } else {
        log(`spoor: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exitCode = 1;
      }
    }
  };
}
