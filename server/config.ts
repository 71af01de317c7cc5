// The one place that reads the environment. Everything else receives a validated, typed Config.
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { S3StoreOptions } from '../storage/object-store/s3-store.ts';
import type { IngestLimits } from '../workers/ingest/limits.ts';
import { findOnPath, packagedTools, type VideoLimits } from '../workers/video/limits.ts';
import type { ThrottlePolicy } from './security/login-throttle.ts';
import { DEFAULT_HUB_POLICY, type HubPolicy } from '../workers/reports/hub-rule.ts';

type S3Config = S3StoreOptions;

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
  /** Sign-in delays (server/security/login-throttle.ts): failures allowed before delays start, and the caps. */
  throttle: ThrottlePolicy;
  /** Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed; empty: none. */
  trustProxy: string[];
  ingest: IngestLimits;
  /** Video decoding: which ffmpeg, and what one decode may cost. */
  video: VideoLimits;
  http: HttpLimits;
  workerConcurrency: number;
  /** Tesseract workers for OCR of melding attachments (each a thread with its own models, ~100 MB). */
  ocrWorkers: number;
  /** The audit log's anchor: the HMAC key (inline or a file, made once when missing) and the checkpoint file. */
  audit: AuditConfig;
  /** The folder store's location (default `<dataDir>/objects`), e.g. a larger volume than the database's. */
  objectsDir: string;
  /** Paused ingests (full disk, passing I/O faults) are resumed once a check finds the store writable. */
  resume: { checkSeconds: number; minFreeBytes: number };
  /** The safety-net sweep (lost jobs, crash leftovers in temp folders): how often, and how old a temp file must be. */
  sweep: { intervalSeconds: number; tempMaxAgeHours: number };
  /** How long a reveal fetches the sharp thumbnail, in seconds. */
  revealSeconds: number;
  /** A selector in more than `reports` otherwise unlinked meldingen of more than `units` units is held for review. */
  hubs: HubPolicy;
  /** The units' dossier signing keys (Ed25519, one file per unit): a folder outside the object store. */
  dossier: { keyDir: string };
};

/** The HTTP edge: body sizes per kind of route, and socket timeouts (inactivity, never whole-request). */
type HttpLimits = {
  maxUploadBytes: number;
  maxLookupBytes: number;
  maxJsonBytes: number;
  /** Largest hash-set file accepted by `POST /api/hashsets/import` (a national VICS export runs to tens of GB). */
  maxHashSetBytes: number;
  /** Largest melding attachment (screenshot, photo, PDF) accepted by upload or import. */
  maxAttachmentBytes: number;
  idleTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
};

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    expected: string,
    got: string | undefined,
  ) {
    super(
      `Invalid configuration: ${variable} must be ${expected} (got ${got === undefined ? 'nothing' : JSON.stringify(got)}).`,
    );
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
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'a postgres:// URL', raw);
  }
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
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError(
      'S3_BUCKET',
      'a valid S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)',
      bucket,
    );
  return {
    endPoint,
    port: env.S3_PORT ? int(env, 'S3_PORT', 9000, 1, 65535) : undefined,
    useSSL: bool(env, 'S3_USE_SSL', true),
    accessKey: env.S3_ACCESS_KEY!,
    secretKey: env.S3_SECRET_KEY!,
    bucket,
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

// Fastify's (proxy-addr's) names for address ranges, besides addresses and CIDR ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxy(env: Env): string[] {
  const raw = env.SPOOR_TRUST_PROXY;
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const version = isIP(address ?? '');
    const maxBits = version === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (PROXY_RANGE_NAMES.has(entry) || (version !== 0 && validBits && extra === undefined)) continue;
    const expected = 'a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16)';
    throw new ConfigError('SPOOR_TRUST_PROXY', expected, raw);
  }
  return entries;
}

type AuditConfig = { key: string | null; keyFile: string; checkpointFile: string; checkpointSeconds: number };

// Production keeps key and checkpoints off the database's disk: the key in a secret store, checkpoints on WORM.
function auditConfig(env: Env, cwd: string): AuditConfig {
  const dataDir = env.SPOOR_DATA_DIR || './data';
  const key = env.SPOOR_AUDIT_KEY || null;
  if (key !== null && key.length < 32) {
    throw new ConfigError('SPOOR_AUDIT_KEY', 'at least 32 characters (e.g. openssl rand -hex 32)', '(hidden)');
  }
  if (key !== null && env.SPOOR_AUDIT_KEY_FILE) {
    throw new ConfigError(
      'SPOOR_AUDIT_KEY_FILE',
      'unset when SPOOR_AUDIT_KEY is set (choose one)',
      env.SPOOR_AUDIT_KEY_FILE,
    );
  }
  return {
    key,
    keyFile: path.resolve(cwd, env.SPOOR_AUDIT_KEY_FILE || path.join(dataDir, 'audit.key')),
    checkpointFile: path.resolve(cwd, env.SPOOR_AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.jsonl')),
    checkpointSeconds: int(env, 'SPOOR_AUDIT_CHECKPOINT_SECONDS', 60, 1, 24 * 3600),
  };
}

// Production keeps the units' dossier keys in a secret store mounted here, away from the objects and the database.
const dossierKeyDir = (env: Env, cwd: string) =>
  path.resolve(cwd, env.SPOOR_DOSSIER_KEY_DIR || path.join(env.SPOOR_DATA_DIR || './data', 'dossier-keys'));

const GB = 1024 ** 3;

/** ffmpeg and ffprobe: SPOOR_FFMPEG_PATH / SPOOR_FFPROBE_PATH, else a system build on PATH, else the npm one. */
function videoLimits(env: Env): VideoLimits {
  const tool = (name: 'ffmpeg' | 'ffprobe', variable: string) =>
    env[variable] || findOnPath(name, env.PATH) || packagedTools()[name];
  return {
    ffmpegPath: tool('ffmpeg', 'SPOOR_FFMPEG_PATH'),
    ffprobePath: tool('ffprobe', 'SPOOR_FFPROBE_PATH'),
    timeoutSeconds: int(env, 'SPOOR_VIDEO_TIMEOUT_SECONDS', 600, 1, 24 * 3600),
    memoryBytes: int(env, 'SPOOR_VIDEO_MEMORY_MB', 2048, 64, 1024 * 1024) * 1024 ** 2,
    maxPixels: int(env, 'SPOOR_VIDEO_MAX_PIXELS', 8192 * 8192, 1, 2 ** 31),
    maxDurationSeconds: int(env, 'SPOOR_VIDEO_MAX_SECONDS', 6 * 3600, 1, 7 * 24 * 3600),
    maxFrames: int(env, 'SPOOR_VIDEO_MAX_FRAMES', 25_000, 1, 1_000_000),
  };
}
/** One OCR worker on a small machine: OCR is CPU-bound, and the database and the other workers need the rest. */
const DEFAULT_OCR_WORKERS = os.availableParallelism() <= 2 ? 1 : Math.min(4, Math.floor(os.availableParallelism() / 2));

function logLevelOf(env: Env): string {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'one of fatal, error, warn, info, debug, trace, silent', logLevel);
  }
  return logLevel;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const logLevel = logLevelOf(env);
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
      freeFailures: int(env, 'SPOOR_LOGIN_MAX_FAILURES', 5, 1, 1000),
      freeFailuresPerIp: int(env, 'SPOOR_LOGIN_MAX_FAILURES_IP', 20, 1, 10000),
      windowMinutes: int(env, 'SPOOR_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
      maxDelaySeconds: int(env, 'SPOOR_LOGIN_MAX_DELAY_SECONDS', 15 * 60, 1, 24 * 3600),
      maxAccountDelaySeconds: int(env, 'SPOOR_LOGIN_MAX_ACCOUNT_DELAY_SECONDS', 30, 1, 3600),
    },
    trustProxy: trustProxy(env),
    ingest: {
      maxEntrySize: int(env, 'SPOOR_MAX_ENTRY_BYTES', 8 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxTotalExpanded: int(env, 'SPOOR_MAX_EXPANDED_BYTES', 2 * 1024 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxCompressionRatio: int(env, 'SPOOR_MAX_COMPRESSION_RATIO', 200, 2, 1_000_000),
      maxEntries: int(env, 'SPOOR_MAX_ENTRIES', 5_000_000, 1, 1_000_000_000),
      maxDepth: int(env, 'SPOOR_MAX_NESTING', 3, 0, 20),
      maxImagePixels: int(env, 'SPOOR_MAX_IMAGE_PIXELS', 268_402_689, 1, 2 ** 31),
    },
    video: videoLimits(env),
    http: {
      maxUploadBytes: int(env, 'SPOOR_MAX_UPLOAD_BYTES', 4 * 1024 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxLookupBytes: int(env, 'SPOOR_MAX_LOOKUP_BYTES', 256 * 1024 ** 2, 1, 2 * GB),
      maxJsonBytes: int(env, 'SPOOR_MAX_JSON_BYTES', 1024 ** 2, 1024, 64 * 1024 ** 2),
      maxHashSetBytes: int(env, 'SPOOR_MAX_HASHSET_BYTES', 64 * GB, 1, Number.MAX_SAFE_INTEGER),
      maxAttachmentBytes: int(env, 'SPOOR_MAX_ATTACHMENT_BYTES', 64 * 1024 ** 2, 1, 4 * GB),
      idleTimeoutMs: 1000 * int(env, 'SPOOR_IDLE_TIMEOUT_SECONDS', 60, 1, 3600),
      headersTimeoutMs: 1000 * int(env, 'SPOOR_HEADERS_TIMEOUT_SECONDS', 30, 1, 600),
      keepAliveTimeoutMs: 1000 * int(env, 'SPOOR_KEEPALIVE_TIMEOUT_SECONDS', 72, 1, 3600),
    },
    workerConcurrency: int(env, 'SPOOR_WORKER_CONCURRENCY', 2, 1, 64),
    ocrWorkers: int(env, 'SPOOR_OCR_WORKERS', DEFAULT_OCR_WORKERS, 1, 32),
    audit: auditConfig(env, cwd),
    objectsDir: path.resolve(cwd, env.SPOOR_OBJECTS_DIR || path.join(env.SPOOR_DATA_DIR || './data', 'objects')),
    resume: {
      checkSeconds: int(env, 'SPOOR_RESUME_CHECK_SECONDS', 30, 1, 3600),
      minFreeBytes: int(env, 'SPOOR_RESUME_MIN_FREE_BYTES', GB, 0, Number.MAX_SAFE_INTEGER),
    },
    revealSeconds: int(env, 'SPOOR_REVEAL_SECONDS', 120, 1, 3600),
    hubs: {
      reports: int(env, 'SPOOR_HUB_REPORTS', DEFAULT_HUB_POLICY.reports, 2, 1_000_000),
      units: int(env, 'SPOOR_HUB_UNITS', DEFAULT_HUB_POLICY.units, 1, 1000),
    },
    dossier: { keyDir: dossierKeyDir(env, cwd) },
    sweep: {
      intervalSeconds: int(env, 'SPOOR_SWEEP_SECONDS', 60, 1, 3600),
      tempMaxAgeHours: int(env, 'SPOOR_TEMP_MAX_AGE_HOURS', 6, 1, 24 * 30),
    },
  }) as Config;
}
