// Wires the job handlers in workers/ to this process's runtime.
import { startResumeChecker } from '../workers/handlers/resume.ts';
import { startSweeps } from '../workers/handlers/sweep.ts';
import { lazyOcrReader } from '../workers/handlers/ocr-reader.ts';
import { registerIngestWorkers, registerReportWorkers } from '../workers/register.ts';
import { registerLongJobWorkers } from '../workers/register-long-jobs.ts';
import { registerCaseOcrWorkers } from '../workers/register-case-ocr.ts';
import type { Runtime } from './runtime.ts';
import { registerDossierWorker } from './services/dossier/dossier-worker.ts';

export async function startAllWorkers(runtime: Runtime): Promise<number> {
  const { pool, store, boss, config } = runtime;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const debug = config.logLevel === 'debug' || config.logLevel === 'trace' ? log : undefined;
  const auditKey = runtime.services.audit.key;
  const deps = { pool, store, boss, limits: config.ingest, video: config.video, log, debug, auditKey };
  const queues = await registerIngestWorkers(boss, deps, runtime.services.indexes, config.workerConcurrency);
  // Meldingen: OCR in this process; the tesseract workers start on the first image and stop with the runtime.
  const ocr = lazyOcrReader({ workers: config.ocrWorkers, dataDir: config.dataDir });
  runtime.onStop(() => ocr.close());
  await registerReportWorkers(boss, { ...deps, ocr, hubs: config.hubs });
  // Case media: the same OCR pool, as a stage after hashing (it steps aside while anything waits to be hashed).
  await registerCaseOcrWorkers(boss, { ...deps, ocr, hubs: config.hubs });
  // Paused ingests (full disk, passing I/O faults) resume by themselves once the store takes writes again.
  const stopResumeChecker = startResumeChecker(deps, config.resume);
  // Re-queue work a crash left unfinished and clear its stale temp files: now, then every interval, until stop.
  runtime.onStop(startSweeps(deps, config.sweep));
  runtime.onStop(async () => stopResumeChecker());
  // Long jobs (hash-set imports) stop at once when the process stops; the queue hands them to the next process.
  const stopping = new AbortController();
  const stopLongJobSweep = await registerLongJobWorkers(boss, deps, stopping.signal);
  // Dossiers (issue 13): the unit's signing key comes from the key folder in config, never the object store.
  const stopDossierSweep = await registerDossierWorker(
    boss,
    { pool, store, auditKey: deps.auditKey, keyDir: config.dossier.keyDir, log },
    stopping.signal,
  );
  runtime.onStop(async () => {
    stopping.abort();
    stopLongJobSweep();
    stopDossierSweep();
  });
  // Warm the in-memory PDQ indexes now, in the background, rather than on the first match.
  runtime.services.indexes
    .ready()
    .catch((error: Error) => log(`PDQ index load failed (retried on first use): ${error.message}`));
  return queues.length;
}
