// The one place that reads the environment. Everything else receives a validated, typed Config.
import path from 'node:path';

import type { S3StoreOptions } from '../storage/object-store/s3-store.ts';
import type { IngestLimits } from '../workers/ingest/limits.ts';

export type S3Config = S3StoreOptions;

export type { IngestLimits };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  s3: S3Config | null;
  adminPassword: string | null;
  secureCookies: 'auto' | boolean;
  sessionHours: number;
  logLevel: string;
  throttle: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMinutes: number };
  ingest: IngestLimits;
  workerConcurrency: number;
};

export class ConfigError extends Error {
  constructor(public readonly variable: string, expected: string, got: string | undefined) {
    super(`Invalid configuration: ${variable} must be ${expected} (got ${got === undefined ? 'nothing' : JSON.stringify(got)}).`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try { url = new URL(raw); } catch { throw new ConfigError('DATABASE_URL', 'a postgres:// URL', raw); }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL', raw);
  }
  return raw;
}

function s3(env: Env): S3Config | null {
  const names = ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET'] as const;
  const given = names.filter((n) => env[n]);
  if (given.length === 0) return null;
  for (const n of names) if (!env[n]) throw new ConfigError(n, `set when any of ${names.join(', ')} is set`, env[n]);
  const endPoint = env.S3_ENDPOINT!;
  if (/^[a-z]+:\/\//i.test(endPoint) || endPoint.includes('/')) {
    throw new ConfigError('S3_ENDPOINT', 'a host name without scheme or path (use S3_PORT and S3_USE_SSL)', endPoint);
  }
  const bucket = env.S3_BUCKET!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('S3_BUCKET', 'a valid S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)', bucket);
  return {
    endPoint,
    port: env.S3_PORT ? int(env, 'S3_PORT', 9000, 1, 65535) : undefined,
    useSSL: bool(env, 'S3_USE_SSL', true),
    accessKey: env.S3_ACCESS_KEY!, secretKey: env.S3_SECRET_KEY!, bucket,
  };
}

function secureCookies(env: Env): 'auto' | boolean {
  const raw = env.SPOOR_SECURE_COOKIES;
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto';
  return bool(env, 'SPOOR_SECURE_COOKIES', false);
}

function adminPassword(env: Env): string | null {
  const raw = env.SPOOR_ADMIN_PASSWORD;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 12) throw new ConfigError('SPOOR_ADMIN_PASSWORD', 'at least 12 characters', '(hidden)');
  return raw;
}

const GB = 1024 ** 3;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'one of fatal, error, warn, info, debug, trace, silent', logLevel);
  }
  return Object.freeze({
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.SPOOR_DATA_DIR || './data'),
    databaseUrl: databaseUrl(env),
    s3: s3(env),
    adminPassword: adminPassword(env),
    secureCookies: secureCookies(env),
    sessionHours: int(env, 'SPOOR_SESSION_HOURS', 10, 1, 24 * 7),
    logLevel,
    throttle: {
      maxFailuresPerAccount: int(env, 'SPOOR_LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'SPOOR_LOGIN_MAX_FAILURES_IP', 20, 1, 10000),
      windowMinutes: int(env, 'SPOOR_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    },
    ingest: {
      maxEntrySize: int(env, 'SPOOR_MAX_ENTRY_BYTES', 8 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxTotalExpanded: int(env, 'SPOOR_MAX_EXPANDED_BYTES', 2 * 1024 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxCompressionRatio: int(env, 'SPOOR_MAX_COMPRESSION_RATIO', 200, 2, 1_000_000),
      maxEntries: int(env, 'SPOOR_MAX_ENTRIES', 5_000_000, 1, 1_000_000_000),
      maxDepth: int(env, 'SPOOR_MAX_NESTING', 3, 0, 20),
      maxImagePixels: int(env, 'SPOOR_MAX_IMAGE_PIXELS', 268_402_689, 1, 2 ** 31),
    },
    workerConcurrency: int(env, 'SPOOR_WORKER_CONCURRENCY', 2, 1, 64),
  }) as Config;
}
