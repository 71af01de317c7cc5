// The pure decisions of the HTTP edge: is a request cross-site, does parsed input hold a NUL, which media type.
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { holdsNul, isCrossSite, mediaTypeOf } from '../../../server/plugins/http-edge.ts';

const request = (host: string, headers: Record<string, string>) => ({ host, headers }) as unknown as FastifyRequest;

describe('isCrossSite', () => {
  it.each([
    ['spoor.politie.local', { origin: 'https://spoor.politie.local' }, false],
    ['spoor.politie.local:443', { origin: 'https://spoor.politie.local' }, false],
    ['127.0.0.1:8080', { origin: 'http://127.0.0.1:8080' }, false],
    ['[::1]:8080', { origin: 'http://[::1]:8080' }, false],
    ['127.0.0.1:8080', {}, false],
    ['127.0.0.1:8080', { 'sec-fetch-site': 'same-origin' }, false],
    ['127.0.0.1:8080', { 'sec-fetch-site': 'none' }, false],
    ['127.0.0.1:8080', { origin: 'http://127.0.0.1:8081' }, true],
    ['127.0.0.1:8080', { origin: 'http://localhost:8080' }, true],
    ['spoor.politie.local', { origin: 'https://evil.example' }, true],
    ['spoor.politie.local', { origin: 'https://spoor.politie.local.evil.example' }, true],
    ['spoor.politie.local', { origin: 'null' }, true],
    ['spoor.politie.local', { origin: 'not a url' }, true],
    ['spoor.politie.local', { 'sec-fetch-site': 'cross-site' }, true],
    ['spoor.politie.local', { 'sec-fetch-site': 'same-site', origin: 'https://spoor.politie.local' }, true],
    // A proxy that rewrites Host does not break modern browsers: their Fetch Metadata decides.
    ['127.0.0.1:8080', { 'sec-fetch-site': 'same-origin', origin: 'https://spoor.politie.local' }, false],
  ])('host %s with %o → %s', (host, headers, expected) => {
    expect(isCrossSite(request(host, headers))).toBe(expected);
  });
});

describe('holdsNul', () => {
  it('finds NUL in strings and keys at any depth, and ignores streams and buffers', () => {
    expect(holdsNul({ a: ['x', { b: 'y\u0000' }] })).toBe(true);
    expect(holdsNul({ ['k\u0000']: 1 })).toBe(true);
    expect(holdsNul(Object.assign(Object.create(null), { q: '\u0000' }))).toBe(true);
    expect(holdsNul({ a: 'plain', n: 1, z: null, t: true })).toBe(false);
    expect(holdsNul(Buffer.from([0, 0, 0]), undefined)).toBe(false);
  });

  it('walks JSON nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(holdsNul(deep)).toBe(true);
  });
});

describe('mediaTypeOf', () => {
  it('takes the essence, lower-cased, without parameters', () => {
    expect(mediaTypeOf('Application/Octet-Stream; foo=bar')).toBe('application/octet-stream');
    expect(mediaTypeOf(undefined)).toBe('');
  });
});
