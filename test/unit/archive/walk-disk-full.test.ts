// A full disk while storing an entry is our fault, not the entry's: the walk must stop with the error
// (so the ingest pauses and later resumes) and never record the entry as rejected or corrupt.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { makeHostileExport, makeTarGz } from '../../fixtures/hostile-export.ts';
import { walkSource, type EntryInfo, type EntryOutcome } from '../../../workers/archive/walk.ts';
import { useTempDirs } from './helpers.ts';

const tempDir = useTempDirs();

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });

/** A disk that takes `room` bytes in all, then fails every write like a full filesystem. */
function fullDisk(room: number) {
  let used = 0;
  return async (_info: EntryInfo, body: Readable): Promise<number> => {
    await pipeline(
      body,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          used += chunk.length;
          done(used > room ? enospc() : null);
        },
      }),
    );
    return used;
  };
}

async function walkUntilFull(path: string, rootName: string, room: number) {
  const outcomes: EntryOutcome<number>[] = [];
  const walking = walkSource({ kind: 'file', path }, rootName, {}, fullDisk(room), async (o) => void outcomes.push(o), {
    tempDir: await tempDir('walk-temp'),
  });
  return { walking, outcomes };
}

describe('a full disk while unpacking', () => {
  it.each([0, 3000, 20_000])('zip, room for %i bytes: the walk throws ENOSPC and rejects nothing', async (room) => {
    const fx = await makeHostileExport(await tempDir());
    const { walking, outcomes } = await walkUntilFull(fx.path, 'export.zip', room);
    await expect(walking).rejects.toMatchObject({ code: 'ENOSPC' });
    const wrongly = outcomes.filter((o) => o.kind === 'rejected' && /ENOSPC|no space/.test(o.reason));
    expect(wrongly).toEqual([]);
  });

  it('tar.gz: the same', async () => {
    const fx = await makeTarGz(await tempDir());
    const { walking, outcomes } = await walkUntilFull(fx.tarGzPath, 'export.tar.gz', 100);
    await expect(walking).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(outcomes.filter((o) => o.kind === 'rejected' && /ENOSPC/.test(o.reason))).toEqual([]);
  });
});
