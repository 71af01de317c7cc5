// One dossier file being written to a temporary folder: text is buffered into large chunks, the destination's
// back-pressure is respected, and the SHA-256 and size are counted on the way (the manifest needs them).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export type WrittenFile = { name: string; path: string; sha256: string; bytes: number };

const CHUNK = 1 << 16;

export class FileSink {
  private readonly hash = createHash('sha256');
  private readonly file: fs.WriteStream;
  private readonly counter: Transform;
  private buffer = '';
  private bytes = 0;

  constructor(
    readonly name: string,
    readonly path: string,
  ) {
    this.file = fs.createWriteStream(path, { flags: 'wx' });
    this.counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.counter.pipe(this.file);
  }

  /** For a producer that pipes (pdfkit): every byte still passes the hash. */
  get stream(): Writable {
    return this.counter;
  }

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.counter.write(chunk)) await once(this.counter, 'drain');
  }

  /** Ends the file (unless the piping producer ends it) and waits until every byte is on disk. */
  async close(ended = false): Promise<WrittenFile> {
    if (!ended) {
      await this.flush();
      this.counter.end();
    }
    await finished(this.file);
    return { name: this.name, path: this.path, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  destroy(): void {
    this.counter.destroy();
    this.file.destroy();
  }
}
