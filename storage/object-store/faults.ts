// Which storage failures are passing faults of our own infrastructure (a full disk, an I/O hiccup, a
// store that is briefly away) rather than facts about the evidence. Those must pause work, never end it.

/** Why work is paused: stable codes, stored on rows and translated by the clients. */
export type FaultReason = 'disk-full' | 'io-error' | 'unavailable';

import { isDatabaseUnavailable } from '../db.ts';

// errno codes (node:fs, node:net), S3/MinIO error codes and PostgreSQL SQLSTATEs, by reason.
const CODES: Record<FaultReason, readonly string[]> = {
  'disk-full': ['ENOSPC', 'EDQUOT', 'XMinioStorageFull', '53100'],
  'io-error': ['EIO', 'EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY'],
  unavailable: [
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'SlowDown',
    'ServiceUnavailable',
    'InternalError',
    'RequestTimeout',
    'XMinioServerNotInitialized',
    'XMinioReadQuorum',
    'XMinioWriteQuorum',
    '53300',
  ],
};
const BY_CODE = new Map(
  Object.entries(CODES).flatMap(([reason, codes]) => codes.map((c) => [c, reason as FaultReason] as const)),
);
// S3 gateways that answer 5xx without an error code still mean "try again later".
const RETRYABLE_HTTP = new Set([500, 502, 503, 504]);
// The minio client retries 5xx/429 itself, then throws a bare Error that says so only in its message.
const MINIO_GAVE_UP = /^Request failed after \d+ retries: .*Retryable HTTP status: \d+/;

type Faulty = { code?: unknown; errno?: unknown; statusCode?: unknown; cause?: unknown; errors?: unknown };

/** The reason when `error` (or anything it wraps) is a passing infrastructure fault, else null. */
export function classifyFault(error: unknown, depth = 0): FaultReason | null {
  if (error === null || typeof error !== 'object' || depth > 5) return null;
  // A database restart mid-job is as passing as a store outage: pause and retry, never record as failed.
  if (isDatabaseUnavailable(error)) return 'unavailable';
  const e = error as Faulty;
  const byCode = typeof e.code === 'string' ? BY_CODE.get(e.code) : undefined;
  if (byCode) return byCode;
  const bareHttp = typeof e.statusCode === 'number' && e.code === undefined;
  if (bareHttp && RETRYABLE_HTTP.has(e.statusCode as number)) return 'unavailable';
  if (error instanceof Error && MINIO_GAVE_UP.test(error.message)) return 'unavailable';
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = classifyFault(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

const MESSAGE = new RegExp(`\\b(${[...BY_CODE.keys()].filter((c) => !/^\d+$/.test(c)).join('|')})\\b`);

/** The same judgement for a failure recorded only as text ("processing failed: ENOSPC: …", by older versions). */
export function classifyFaultMessage(message: string | null | undefined): FaultReason | null {
  const match = message ? MESSAGE.exec(message) : null;
  return match ? BY_CODE.get(match[1]!)! : null;
}

export const isDiskFull = (error: unknown) => classifyFault(error) === 'disk-full';
