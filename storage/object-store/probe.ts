// Whether a store can take writes again after a pause: enough free local space, and a small write
// that really lands (a freed disk, a store back from a restart, a quota raised).
import { randomUUID } from 'node:crypto';
import { classifyFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

const PROBE = Buffer.alloc(4096, 0x2e);

export type Writability = { ok: true } | { ok: false; why: string };

export async function probeWritable(store: ObjectStore, minFreeBytes: number): Promise<Writability> {
  const free = await store.freeBytes().catch(() => null);
  if (free !== null && free < minFreeBytes) return { ok: false, why: `${free} bytes free, ${minFreeBytes} needed` };
  const key = `probes/${randomUUID()}`;
  try {
    await store.put(key, PROBE, PROBE.length);
    return { ok: true };
  } catch (error) {
    if (classifyFault(error)) return { ok: false, why: (error as Error).message };
    throw error;
  } finally {
    await store.delete(key).catch(() => undefined);
  }
}
