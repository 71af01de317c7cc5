// Socket timeouts from config against the real `npm start` process over raw TCP: a stalled body, dribbled headers
// and an idle keep-alive connection are closed; a slow upload that keeps moving is not. Plus security headers on
// what the real server sends for the built client.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer, type Server } from './helpers/process.ts';

const ADMIN_PASSWORD = 'edge-admin-password-2';
const IDLE_S = 2;
const HEADERS_S = 3;
const KEEPALIVE_S = 1;

let server: Server;
let dataDir: string;
let host: string;
let port: number;

type Exchange = { closedAfterMs: number; received: string };

/** Opens a raw connection, runs `talk`, and resolves when the server closes it (or after `giveUpMs`). */
function rawConnection(talk: (socket: net.Socket) => void, giveUpMs = 15_000): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    let received = '';
    let opened = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${giveUpMs} ms:\n${received}`));
    }, giveUpMs);
    socket.on('connect', () => {
      opened = Date.now();
      talk(socket);
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - opened, received });
    });
  });
}

beforeAll(async () => {
  // The client is served only when built; `npm start` builds it the same way on first start.
  if (!existsSync(path.join(repoRoot, 'client', 'dist', 'index.html'))) {
    execFileSync(process.execPath, ['server/cli/ensure-client.mjs'], { cwd: repoRoot });
  }
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-timeouts-'));
  server = await startServer({
    SPOOR_DATA_DIR: dataDir,
    SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SPOOR_IDLE_TIMEOUT_SECONDS: String(IDLE_S),
    SPOOR_HEADERS_TIMEOUT_SECONDS: String(HEADERS_S),
    SPOOR_KEEPALIVE_TIMEOUT_SECONDS: String(KEEPALIVE_S),
  });
  const url = new URL(server.url);
  host = url.hostname;
  port = Number(url.port);
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('timeouts from config', () => {
  it(`a login that declares 100000 bytes and sends 12 is closed after the idle timeout (${IDLE_S} s)`, async () => {
    const { closedAfterMs } = await rawConnection((socket) => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 100000\r\n\r\n{"username":',
      );
    });
    process.stdout.write(`  stalled login body closed after ${closedAfterMs} ms\n`);
    expect(closedAfterMs).toBeGreaterThanOrEqual(IDLE_S * 1000 - 200);
    expect(closedAfterMs).toBeLessThan(IDLE_S * 1000 + 3000);
  });

  it(`headers dribbled in without end are cut after the header timeout (${HEADERS_S} s) with 408`, async () => {
    let timer: NodeJS.Timeout | undefined;
    const { closedAfterMs, received } = await rawConnection((socket) => {
      socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}:${port}\r\n`);
      let n = 0;
      // A header line every 500 ms keeps the socket active, so only the header timeout can end it.
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(`X-Slow-${n++}: 1\r\n`);
      }, 500);
    });
    clearInterval(timer);
    process.stdout.write(`  dribbled headers closed after ${closedAfterMs} ms\n`);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_S * 1000 - 200);
    expect(closedAfterMs).toBeLessThan(HEADERS_S * 1000 + 2500);
  });

  it(`an idle keep-alive connection is closed after the keep-alive timeout (${KEEPALIVE_S} s)`, async () => {
    let answeredAt = 0;
    const { closedAfterMs, received } = await rawConnection((socket) => {
      socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\n\r\n`);
      socket.once('data', () => {
        answeredAt = Date.now();
      });
    });
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received.toLowerCase()).toContain(`keep-alive: timeout=${KEEPALIVE_S}`);
    expect(answeredAt).toBeGreaterThan(0);
    expect(closedAfterMs).toBeLessThan(KEEPALIVE_S * 1000 + 2000);
  });

  it('a slow upload that keeps moving for longer than every timeout still completes', async () => {
    const json = { 'content-type': 'application/json' };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = /spoor_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const created = await fetch(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ number: 'SLOW-1', title: 'Langzaam maar zeker', unit: 'Amsterdam' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const caseId = (await created.json()).id as string;
    const pieces = 16;
    const piece = Buffer.alloc(64 * 1024, 0x5a);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const { received } = await rawConnection((socket) => {
      socket.write(
        `POST /api/cases/${caseId}/evidence?name=slow.bin HTTP/1.1\r\nHost: ${host}:${port}\r\n` +
          `Cookie: ${cookie}\r\nContent-Type: application/octet-stream\r\n` +
          `Content-Length: ${pieces * piece.length}\r\nConnection: close\r\n\r\n`,
      );
      let sent = 0;
      // 8 s in all (longer than the idle, header and keep-alive timeouts), never 2 s without a byte.
      timer = setInterval(() => {
        if (sent < pieces) {
          socket.write(piece);
          sent += 1;
        }
      }, 500);
    }, 30_000);
    clearInterval(timer);
    process.stdout.write(`  slow upload answered after ${Date.now() - started} ms\n`);
    expect(Date.now() - started).toBeGreaterThan(IDLE_S * 1000 * 3);
    expect(received).toMatch(/^HTTP\/1\.1 201/);
    expect(received).toContain(`"size":${pieces * piece.length}`);
  });
});

describe('security headers on what the real server sends', () => {
  const paths = ['/', '/index.html', '/cases/some-case/grid', '/api/health', '/api/no-such-route', '/api/cases'];

  it('the built client (page, assets, deep links) and the API carry CSP, frame, nosniff, referrer', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    // The built page needs no inline script or style, so the policy can forbid them.
    expect(index).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(index).not.toMatch(/<style|style="/);
    for (const url of [...paths, ...assets]) {
      const response = await fetch(`${server.url}${url}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toMatch(/unsafe-(eval|inline)/);
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), url).toBe('no-referrer');
    }
  });
});
