// Sends a very large request body generated on the fly (one reused chunk, never the whole body in memory),
// and samples a process's resident memory meanwhile, for tests of the server's body limits.
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

export type BigBodyResult = {
  status: number | null;
  body: string;
  error: string | null;
  ms: number;
  /** Bytes written in all, and when the answer came. */
  sent: number;
  sentAtAnswer: number | null;
};

export type BigBodyOptions = {
  method?: string;
  headers?: Record<string, string>;
  bytes: number;
  /** Declare Content-Length up front (true), or send chunked without a length (false). */
  declareLength: boolean;
  chunkBytes?: number;
  /** Like a hostile client: keep sending all of it after the answer came, until done or cut off. */
  keepSending?: boolean;
};

/** Writes `bytes` to `url` until done, or until the server answers (unless `keepSending`) or closes the connection. */
export function sendBigBody(url: string, opts: BigBodyOptions): Promise<BigBodyResult> {
  const chunk = randomFillSync(Buffer.alloc(opts.chunkBytes ?? 1024 * 1024));
  const started = Date.now();
  const headers = { ...opts.headers, ...(opts.declareLength ? { 'content-length': String(opts.bytes) } : {}) };
  return new Promise((resolve) => {
    let sent = 0;
    let sentAtAnswer: number | null = null;
    let bodyDone = false;
    let status: number | null = null;
    let body = '';
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ status, body, sent, sentAtAnswer, ms: Date.now() - started, error });
    };
    // A fresh keep-alive connection, as browsers and curl use: the server may then answer early and keep reading.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const request = http.request(url, { method: opts.method ?? 'POST', headers, agent });
    request.on('close', () => agent.destroy());
    request.on('response', (response) => {
      status = response.statusCode ?? null;
      sentAtAnswer = sent;
      response.setEncoding('utf8');
      response.on('data', (d: string) => {
        body += d;
      });
      response.on('end', () => {
        bodyDone = true;
        if (!opts.keepSending || request.writableFinished) {
          finish(null);
          request.destroy();
        }
      });
      response.on('error', () => {
        bodyDone = true;
      });
    });
    request.on('error', (error) => {
      if (status === null) finish(error.message);
    });
    request.on('finish', () => {
      if (bodyDone) {
        finish(null);
        request.destroy();
      }
    });
    request.on('close', () => setTimeout(() => finish(status === null ? 'closed without an answer' : null), 200));
    // After the answer Node's client no longer relays the socket's 'drain' to the request: listen to both.
    let waiting = false;
    const go = () => {
      if (!waiting) return;
      waiting = false;
      request.off('drain', go);
      request.socket?.off('drain', go);
      pump();
    };
    const onDrain = () => {
      if (waiting) return;
      waiting = true;
      request.on('drain', go);
      request.socket?.on('drain', go);
    };
    const pump = () => {
      while (sent < opts.bytes && (status === null || opts.keepSending) && !request.destroyed) {
        const piece = sent + chunk.length <= opts.bytes ? chunk : chunk.subarray(0, opts.bytes - sent);
        sent += piece.length;
        if (!request.write(piece)) {
          onDrain();
          return;
        }
      }
      if (sent >= opts.bytes && !request.writableEnded) request.end();
    };
    pump();
  });
}

/** Samples VmRSS of `pid` every `intervalMs`; `stop()` returns the peak in MiB. */
export function sampleRss(pid: number, intervalMs = 25): { stop: () => number; peak: () => number } {
  let peakKb = 0;
  const read = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      /* the process is gone; the test will say so */
    }
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return peakKb / 1024;
    },
    peak: () => peakKb / 1024,
  };
}
