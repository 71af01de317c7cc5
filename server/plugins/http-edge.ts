// The HTTP edge, for every route: security headers, refusal of cross-site state changes, only the content
// types a route declares (checked before any body byte is read), no NUL in input, and a lingering close for
// bodies refused unread. Registered before authentication and the routes, so its hooks run first.
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { AppError, BadInput, Forbidden, PayloadTooLarge, UnsupportedMediaType } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route accepts as a body (checked before it is read); [] for none. */
    bodyTypes?: readonly string[];
  }
}

/** Route config of a state-changing route that takes no body (reveal, verify, rematch). */
export const NO_BODY = { bodyTypes: [] as readonly string[] };

const JSON_ONLY = ['application/json'] as const;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The built client needs nothing inline: scripts and styles are files; React sets styles through the CSSOM. */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // data: for the settings preview sample; blob: for images a page builds itself.
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';

export const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

const accepts = (types: readonly string[], type: string) =>
  types.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))));

/**
 * True when the browser says the request comes from another site (Fetch Metadata, which pages cannot forge and
 * proxies do not change), or, from browsers without it, when the Origin is not this server's host.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'cross-site' || site === 'same-site';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    const from = new URL(origin);
    // Parse our own host with the origin's scheme, so default ports compare equal.
    return from.host !== new URL(`${from.protocol}//${request.host}`).host;
  } catch {
    return true; // "null" or malformed origins are never ours
  }
}

// Parsed input: arrays and objects of any prototype (query objects have their own), never streams or buffers.
const isPlain = (v: object) => !ArrayBuffer.isView(v) && typeof (v as { pipe?: unknown }).pipe !== 'function';

/** True when a string (or key) anywhere in parsed input holds a NUL; iterative, because JSON may nest deeply. */
export function holdsNul(...inputs: unknown[]): boolean {
  const stack = [...inputs];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value !== null && typeof value === 'object' && isPlain(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

const NUL_INPUT = {
  nl: 'Het verzoek bevat een NUL-teken (\\0), dat Spoor niet opslaat. Haal het uit de invoer en probeer het opnieuw.',
  en: 'The request contains a NUL character (\\0), which Spoor does not store. Remove it from the input and try again.',
};

const CROSS_SITE = {
  nl: 'Dit verzoek komt van een andere website en is geweigerd. Open Spoor zelf en doe het daar opnieuw.',
  en: 'This request came from another website and was refused. Open Spoor itself and do it again there.',
};

function unsupportedType(types: readonly string[], got: string) {
  const list = types.join(', ');
  if (types.length === 0) {
    return new UnsupportedMediaType({
      nl: 'Dit verzoek neemt geen inhoud aan. Stuur het zonder body.',
      en: 'This request takes no content. Send it without a body.',
    });
  }
  return new UnsupportedMediaType({
    nl:
      `Dit verzoek neemt alleen ${list} aan, niet "${got || 'zonder type'}". ` +
      'Stuur de inhoud met het juiste Content-Type.',
    en: `This request accepts only ${list}, not "${got || 'no type'}". Send the content with the right Content-Type.`,
  });
}

const LINGER_MS = 30_000;

const refusedUnread = (request: FastifyRequest, status: number) =>
  status >= 400 && hasBody(request) && !request.raw.complete && !request.raw.destroyed;

function lingerThenClose(request: FastifyRequest): void {
  const { raw } = request;
  const socket = raw.socket;
  // Under app.inject the socket is a stand-in without destroy(); a real one always has it.
  const timer = setTimeout(() => socket.destroy?.(), LINGER_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  raw.once('end', done);
  socket.once?.('close', done);
  raw.resume(); // discard: nothing is kept
}

/** Errors from below the routes that are the request's fault, as typed 4xx errors (else null: a real 500). */
export function clientErrorFor(error: FastifyError | Error, request: FastifyRequest): AppError | null {
  // SQLSTATE class 22: the database refused a value (out of range, NUL byte, bad date) that validation let through.
  if (error instanceof pg.DatabaseError && error.code?.startsWith('22')) {
    return new BadInput({
      nl: 'Een waarde in het verzoek valt buiten het toegestane bereik of bevat ongeldige tekens. Verbeter de invoer.',
      en: 'A value in the request is out of range or contains invalid characters. Correct the input.',
    });
  }
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new PayloadTooLarge({
      nl: 'Het verzoek is te groot. Stuur minder tegelijk, of upload bestanden via de uploadknop.',
      en: 'The request is too large. Send less at once, or upload files with the upload button.',
    });
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const types = request.routeOptions.config.bodyTypes ?? JSON_ONLY;
    return unsupportedType(types, mediaTypeOf(request.headers['content-type']));
  }
  return null;
}

export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false, // the TLS proxy in front owns HSTS; plain HTTP on a workstation must keep working
    });
    // Only parsers a route declares: a text/plain form post must never become a string, nor reach a handler.
    app.removeContentTypeParser('text/plain');

    app.addHook('onRequest', async (request) => {
      if (STATE_CHANGING.has(request.method) && isCrossSite(request)) throw new Forbidden(CROSS_SITE);
    });

    // After authentication (onRequest), before any byte of the body is read. Routes that declare nothing are left to
    // their plugin's parsers: JSON app-wide (small), raw streams only where a plugin registers them.
    app.addHook('preParsing', async (request) => {
      const types = request.routeOptions.config.bodyTypes;
      if (!types || request.is404 || !hasBody(request)) return;
      const type = mediaTypeOf(request.headers['content-type']);
      if (!accepts(types, type)) throw unsupportedType(types, type);
    });

    // No text Spoor keeps or queries may hold NUL: PostgreSQL refuses it, so say so before any query.
    app.addHook('preValidation', async (request) => {
      if (holdsNul(request.query, request.params, request.body)) throw new BadInput(NUL_INPUT);
    });

    // A body refused unread is discarded for a while before the connection closes (a lingering close, as nginx does):
    // closing at once resets a client still sending, which then loses the answer. Never read into memory.
    app.addHook('onSend', async (request, reply) => {
      if (refusedUnread(request, reply.statusCode)) reply.removeHeader('connection');
    });
    app.addHook('onResponse', async (request, reply) => {
      if (refusedUnread(request, reply.statusCode)) lingerThenClose(request);
    });
  },
  { name: 'spoor-http-edge' },
);
