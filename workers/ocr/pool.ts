// A fixed pool of tesseract.js workers with a FIFO queue. Not tesseract's createScheduler: its terminate() neither
// waits for the workers nor settles queued jobs, so a stop would leave callers hanging.
import { createWorker, OEM, PSM, type Page, type Worker } from 'tesseract.js';

import { OcrError } from './ocr-error.ts';
import { ensureTessdata, OCR_LANGUAGES } from './tessdata.ts';

export type OcrPoolOptions = {
  /** Number of tesseract workers (each a thread with its own copy of the models, ~100 MB). */
  size: number;
  /** Folder for the language models, copied there from the npm data packages on first use. */
  tessdataDir: string;
  /** A recognition running longer is abandoned and its worker replaced (default 60 s). */
  timeoutMs?: number;
};

export type OcrPool = {
  /** Recognise one encoded image (PNG); resolves to tesseract's page with blocks → paragraphs → lines → words. */
  recognize(png: Buffer): Promise<Page>;
  /** Terminates every worker; queued and running calls fail with OcrError('closed'). */
  close(): Promise<void>;
};

type Job = { png: Buffer; resolve: (page: Page) => void; reject: (err: unknown) => void; timer?: NodeJS.Timeout };

const PARAMETERS = {
  tessedit_pageseg_mode: PSM.AUTO,
  // Polarity is normalised before recognition, so tesseract's own per-line inversion retry is wasted time.
  tessedit_do_invert: '0',
  // The work image carries no resolution; without one tesseract guesses and warns on every page.
  user_defined_dpi: '300',
  // Tesseract's own diagnostics ("Detected 12 diacritics") would go to stdout, between the program's output.
  debug_file: '/dev/null',
};

async function startWorker(langPath: string): Promise<Worker> {
  const worker = await createWorker(OCR_LANGUAGES.join('+'), OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cachePath: langPath,
    cacheMethod: 'none',
  });
  await worker.setParameters(PARAMETERS);
  return worker;
}

const closedError = () => new OcrError('closed', 'the OCR pool is closed');

class WorkerPool implements OcrPool {
  private readonly queue: Job[] = [];
  private readonly running = new Set<Job>();
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private langPath: Promise<string> | null = null;
  private starting = 0;
  private closed = false;

  constructor(private readonly options: Required<OcrPoolOptions>) {}

  recognize(png: Buffer): Promise<Page> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise<Page>((resolve, reject) => {
      this.queue.push({ png, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.queue.splice(0), ...this.running]) {
      clearTimeout(job.timer);
      job.reject(closedError());
    }
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    // tesseract.js posts a job one tick after recognize() is called, and a post to a terminated worker becomes an
    // unhandled rejection (its send is async): let every started call post first.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  }

  // Workers start on demand up to `size`: loading both models costs about a second each.
  private grow(): void {
    if (this.closed || this.all.size + this.starting >= this.options.size || this.queue.length <= this.starting) return;
    this.starting++;
    this.langPath ??= ensureTessdata(this.options.tessdataDir);
    this.langPath
      .then(startWorker)
      .then((worker) => this.adopt(worker))
      .catch((err: unknown) => {
        this.langPath = null; // retried on the next call, e.g. once the model folder is writable
        if (this.all.size === 0) for (const job of this.queue.splice(0)) job.reject(err);
      })
      .finally(() => {
        this.starting--;
      });
  }

  private async adopt(worker: Worker): Promise<void> {
    if (this.closed) return void (await worker.terminate());
    this.all.add(worker);
    this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    while (!this.closed && this.idle.length > 0 && this.queue.length > 0)
      this.run(this.idle.pop()!, this.queue.shift()!);
    this.grow();
  }

  private run(worker: Worker, job: Job): void {
    this.running.add(job);
    const { timeoutMs } = this.options;
    const timeout = new Promise<never>((_, reject) => {
      job.timer = setTimeout(() => reject(new OcrError('engine', `recognition took over ${timeoutMs} ms`)), timeoutMs);
    });
    Promise.race([worker.recognize(job.png, {}, { text: false, blocks: true }), timeout])
      .then((result) => {
        this.idle.push(worker);
        job.resolve(result.data);
      })
      .catch(async (err: unknown) => {
        job.reject(err);
        this.all.delete(worker); // a failed or stuck worker is not trusted with the next image
        await worker.terminate().catch(() => undefined);
      })
      .finally(() => {
        clearTimeout(job.timer);
        this.running.delete(job);
        this.dispatch();
      });
  }
}

export function createOcrPool(options: OcrPoolOptions): OcrPool {
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error('OCR pool size must be a positive integer');
  return new WorkerPool({ timeoutMs: 60_000, ...options });
}
