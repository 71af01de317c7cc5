// A folder handed to `spoor ingest` is captured as one tar stream, so the evidence is a single
// object with one SHA-256 and the unpack job treats every export the same way.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

async function* walk(root: string, rel = ''): AsyncGenerator<{ rel: string; full: string; stat: fs.Stats }> {
  const entries = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    const full = path.join(root, childRel);
    const stat = await fsp.lstat(full);
    if (stat.isDirectory()) yield* walk(root, childRel);
    else yield { rel: childRel, full, stat };
  }
}

export function tarFolder(root: string): Readable {
  const pack = tar.pack();
  void (async () => {
    try {
      for await (const { rel, full, stat } of walk(root)) {
        if (stat.isSymbolicLink()) {
          pack.entry({ name: rel, type: 'symlink', linkname: await fsp.readlink(full), mtime: stat.mtime });
        } else if (stat.isFile()) {
          const entry = pack.entry({ name: rel, size: stat.size, mtime: stat.mtime, mode: 0o444 });
          await pipeline(fs.createReadStream(full), entry);
        }
      }
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
    }
  })();
  return pack as unknown as Readable;
}
