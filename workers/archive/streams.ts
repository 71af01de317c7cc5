import { Readable, pipeline, type Duplex } from 'node:stream';
import type { ArchiveKind } from './types.ts';

/** Enough bytes to see every magic we know (tar's 'ustar' sits at offset 257). */
export const SNIFF_BYTES = 512;

/** Archive detection by content only; extensions on seized media are meaningless. */
export function sniffArchive(head: Buffer): ArchiveKind | null {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'zip';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0506) return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  return null;
}

export type Peeked = { head: Buffer; body: Readable };

/** Reads the first `want` bytes, then hands back a stream that replays them followed by the rest. */
export async function peekHead(src: Readable, want = SNIFF_BYTES): Promise<Peeked> {
  const it = src[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    have += r.value.length;
  }
  const head = Buffer.concat(chunks);
  return { head: head.subarray(0, want), body: Readable.from(replay(head, it, done), { objectMode: false }) };
}

async function* replay(head: Buffer, it: AsyncIterator<Buffer>, done: boolean): AsyncGenerator<Buffer> {
  try {
    if (head.length) yield head;
    while (!done) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

export type MeteredBody = {
  /** The last stage; what gets peeked and read. */
  stream: Readable;
  /** First error raised by our own stages (source, inflate, meter), if any. */
  failure: () => unknown;
  /** Tears down every stage; safe to call repeatedly. */
  destroy: () => void;
};

/** Chains source → transforms with error capture, so hostile data surfaces as a recorded failure. */
export function chain(source: Readable, stages: Duplex[]): MeteredBody {
  const all: (Readable | Duplex)[] = [source, ...stages];
  let failure: unknown;
  for (const s of all) {
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (failure === undefined && err?.code !== 'ERR_STREAM_PREMATURE_CLOSE') failure = err;
    });
  }
  const last = all[all.length - 1] as Readable;
  if (stages.length) pipeline(all as [Readable, ...Duplex[]], () => undefined);
  return {
    stream: last,
    failure: () => failure,
    destroy: () => all.forEach((s) => s.destroyed || s.destroy()),
  };
}

/** Resolves on 'drain' or teardown, whichever comes first. */
export function waitWritable(w: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('drain', done);
      w.off('close', done);
      w.off('error', done);
      resolve();
    };
    w.on('drain', done);
    w.on('close', done);
    w.on('error', done);
  });
}
