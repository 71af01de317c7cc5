import { describe, expect, it } from 'vitest';
import { checkEntryName } from '../../../workers/archive/names.ts';
import { sniffArchive } from '../../../workers/archive/streams.ts';
import { resolveLimits } from '../../../workers/archive/walk.ts';

describe('checkEntryName', () => {
  it.each([
    ['../../x.jpg', 'path traversal: ".." component in "../../x.jpg"'],
    ['a/../../x.jpg', 'path traversal: ".." component in "a/../../x.jpg"'],
    ['a\\..\\x.jpg', 'path traversal: ".." component in "a\\..\\x.jpg"'],
    ['/abs/x.jpg', 'path traversal: absolute path "/abs/x.jpg"'],
    ['C:\\x.jpg', 'path traversal: drive-letter path "C:\\x.jpg"'],
    ['c:x.jpg', 'path traversal: drive-letter path "c:x.jpg"'],
    ['\\\\server\\share\\x.jpg', 'path traversal: UNC path "\\\\server\\share\\x.jpg"'],
  ])('rejects %s', (raw, reason) => {
    expect(checkEntryName(raw)).toMatchObject({ ok: false, rejection: { code: 'traversal', reason } });
  });

  it.each([
    ['', 'invalid entry name: empty name'],
    ['a\0b.jpg', 'invalid entry name: contains NUL byte'],
    ['./', 'invalid entry name: no file name in "./"'],
  ])('refuses the unusable name %j', (raw, reason) => {
    expect(checkEntryName(raw)).toMatchObject({ ok: false, rejection: { code: 'invalid-name', reason } });
  });

  it('normalises backslashes, "." and empty segments', () => {
    expect(checkEntryName('Downloads\\.\\sub//x.jpg')).toEqual({
      ok: true,
      path: 'Downloads/sub/x.jpg',
      name: 'x.jpg',
    });
  });

  it('accepts names that merely contain dots', () => {
    expect(checkEntryName('a..b/...jpg')).toMatchObject({ ok: true, path: 'a..b/...jpg', name: '...jpg' });
  });
});

describe('sniffArchive', () => {
  const tarHead = Buffer.alloc(512);
  tarHead.write('ustar', 257, 'latin1');
  it.each([
    ['zip local header', Buffer.from('PK\x03\x04rest', 'latin1'), 'zip'],
    ['empty zip', Buffer.from('PK\x05\x06', 'latin1'), 'zip'],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0]), 'gzip'],
    ['tar', tarHead, 'tar'],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), null],
    ['empty', Buffer.alloc(0), null],
    ['short tar-ish', tarHead.subarray(0, 260), null],
  ])('%s', (_label, head, kind) => {
    expect(sniffArchive(head)).toBe(kind);
  });
});

describe('resolveLimits', () => {
  it('fills defaults and refuses nonsense', () => {
    expect(resolveLimits({ maxDepth: 1 })).toMatchObject({ maxDepth: 1, maxCompressionRatio: 200 });
    expect(() => resolveLimits({ maxEntries: Number.NaN })).toThrow('invalid limit maxEntries');
    expect(() => resolveLimits({ maxEntrySize: -1 })).toThrow('invalid limit maxEntrySize');
  });
});
