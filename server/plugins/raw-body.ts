// Routes whose body is a raw byte stream (evidence uploads, image lookups, imports): never parsed or buffered by
// fastify. The route declares its content types and maximum; its access check and the Content-Length are checked
// before any body byte is read, and the bytes are counted while they flow (413 past the maximum).
//
//   streamParsers(app, ['application/octet-stream']);                // once, in the plugin holding the route
//   app.post('/x', { ...streamBody({ types, maxBytes, tooLarge, authorise }), schema }, async (request) => {
//     await store(bodyStream(request));                                // a Readable that fails with 413
//   });
import { Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { PayloadTooLarge, type Message } from '../errors.ts';

export type StreamBodyOptions = {
  /** Accepted media types (`image/*` allowed); anything else is 415 before the body is read. */
  types: readonly string[];
  maxBytes: number;
  /** The 413 message: what the limit is and what to do instead. */
  tooLarge: (maxBytes: number) => Message;
  /** Authorisation that needs the route (need-to-know, role); runs after sign-in, before any body byte is read. */
  authorise?: (request: FastifyRequest) => Promise<unknown>;
};

/** Pass-through parsers for `types` in the calling plugin: the handler gets the stream, unread. */
export function streamParsers(app: FastifyInstance, types: readonly string[]): void {
  for (const type of types) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }
}

const limitedBodies = new WeakMap<FastifyRequest, Readable>();

/** Route options for a streamed body; spread them into the route's options. */
export function streamBody(opts: StreamBodyOptions) {
  const tooLarge = () => new PayloadTooLarge(opts.tooLarge(opts.maxBytes));
  const preParsing: preParsingAsyncHookHandler = async (request, _reply, payload) => {
    if (opts.authorise) await opts.authorise(request);
    if (Number(request.headers['content-length'] ?? 0) > opts.maxBytes) throw tooLarge();
    const limited = limitBytes(payload, opts.maxBytes, tooLarge);
    limitedBodies.set(request, limited);
    return limited;
  };
  return { bodyLimit: opts.maxBytes, config: { bodyTypes: opts.types }, preParsing };
}

/** The counted body stream of a `streamBody` route (whatever its parser hands on); empty when there was none. */
export function bodyStream(request: FastifyRequest): Readable {
  return limitedBodies.get(request) ?? Readable.from([]);
}

// fastify compares receivedEncodedLength with bodyLimit should a buffering parser ever read this stream.
type Counted = Readable & { receivedEncodedLength: number };

/**
 * Counts bytes on their way through and fails past `max`. The source (the socket's request) is paused, never
 * destroyed, so the 413 can still be sent; the edge then discards the rest and closes the connection.
 */
function limitBytes(source: Readable, max: number, tooLarge: () => Error): Counted {
  let seen = 0;
  const limited = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        limited.receivedEncodedLength = seen;
        if (seen <= max) return done(null, chunk);
        source.unpipe(limited);
        source.pause(); // read no further; the edge discards the rest once the 413 is out
        done(tooLarge());
      },
    }),
    { receivedEncodedLength: 0 },
  );
  source.on('error', (error) => limited.destroy(error));
  // A client that goes away mid-body must fail the consumer, not leave it waiting for bytes that never come.
  source.on('close', () => {
    if (!source.readableEnded) limited.destroy(new Error('the client closed the upload before it was complete'));
  });
  source.pipe(limited);
  return limited;
}
