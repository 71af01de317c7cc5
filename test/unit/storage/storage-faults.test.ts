// Which failures pause an ingest (passing faults of our own storage) and which are facts about the evidence.
import { describe, expect, it } from 'vitest';
import { classifyFault, classifyFaultMessage } from '../../../storage/object-store/faults.ts';

const errno = (code: string, message = `${code}: failed`) => Object.assign(new Error(message), { code });

describe('classifyFault', () => {
  it.each([
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['XMinioStorageFull', 'disk-full'],
    ['53100', 'disk-full'],
    ['EIO', 'io-error'],
    ['EMFILE', 'io-error'],
    ['ENFILE', 'io-error'],
    ['EAGAIN', 'io-error'],
    ['ECONNRESET', 'unavailable'],
    ['SlowDown', 'unavailable'],
    ['ServiceUnavailable', 'unavailable'],
    ['XMinioServerNotInitialized', 'unavailable'],
  ])('%s is a passing fault: %s', (code, reason) => {
    expect(classifyFault(errno(code))).toBe(reason);
  });

  it('looks through causes and aggregate errors (wrapped stream and S3 failures)', () => {
    expect(classifyFault(new Error('store failed', { cause: errno('ENOSPC') }))).toBe('disk-full');
    expect(classifyFault(new AggregateError([new Error('x'), errno('ECONNRESET')]))).toBe('unavailable');
    expect(classifyFault(Object.assign(new Error('bad gateway'), { statusCode: 502 }))).toBe('unavailable');
    // What the minio client throws after its own retries of a 503: a bare Error.
    const minio = new Error('Request failed after 1 retries: Error: Retryable HTTP status: 503');
    expect(classifyFault(minio)).toBe('unavailable');
  });

  it.each([
    new Error('VipsJpeg: Premature end of JPEG file'),
    errno('ENOENT'),
    errno('EACCES'),
    errno('NoSuchKey'),
    Object.assign(new Error('not found'), { statusCode: 404 }),
    'ENOSPC as a bare string',
    null,
    undefined,
  ])('is not fooled by a fact about the evidence or a real bug: %s', (error) => {
    expect(classifyFault(error)).toBeNull();
  });
});

describe('classifyFaultMessage (failures older versions recorded as text)', () => {
  it.each([
    ['unpacking failed: ENOSPC: no space left on device, write', 'disk-full'],
    ['processing failed: EIO: i/o error, read', 'io-error'],
    ['processing failed: SlowDown', 'unavailable'],
  ])('%s → %s', (message, reason) => {
    expect(classifyFaultMessage(message)).toBe(reason);
  });

  const real = [
    'processing failed: Input buffer contains unsupported image format',
    'corrupt entry: CRC-32 mismatch',
    null,
  ];
  it.each(real)('leaves real failures alone: %s', (message) => {
    expect(classifyFaultMessage(message)).toBeNull();
  });
});
