// The one typed job contract: each job name, its payload, and its queue policy.
import type { PgBoss } from 'pg-boss';

export type Jobs = {
  'evidence.unpack': { evidenceId: string };
  'blob.process': { sha256: string };
  'case.group': { caseId: string };
  'case.match': { caseId: string };
  'hashset.rematch': { setId: string };
  // A long job (workers/long-job.ts): the id of its long_jobs row, which holds the input and the progress.
  'hashset.import': { importId: string };
  // A long job too: the one-off regroup of every case after migration 010 (dihedral and trimmed-border grouping).
  'cases.regroup': { jobId: string };
  // Selectors of one melding, from its text and the OCR of its images, then linking (status on the reports row).
  'report.extract': { reportId: string };
  // The OCR stage of a case's images: pre-check, full OCR when text-like, search vectors, selectors (case_text stamps).
  'case.ocr': { caseId: string };
  // A long job too: the dossier of a case for the prosecutor (workers/handlers/case-dossier.ts).
  'case.dossier': { jobId: string };
  // Suggestions to other cases' leads from this case's victims and series (recomputed whole, so idempotent).
  'case.suggest': { caseId: string };
  // A video blob after blob.process: frames, their PDQ and the strip (workers/video/process-video.ts).
  'video.process': { sha256: string };
};
export type JobName = keyof Jobs;

type QueuePolicy = {
  policy: 'standard' | 'stately' | 'singleton';
  retryLimit: number;
  retryDelay: number;
  expireInSeconds: number;
  singletonKey?: (payload: never) => string;
};

export const QUEUES: { [K in JobName]: QueuePolicy & { singletonKey: (payload: Jobs[K]) => string } } = {
  // One unpack per evidence at a time; a retry resumes where the rows stop (ON CONFLICT per ordinal).
  'evidence.unpack': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: 6 * 3600,
    singletonKey: (p) => p.evidenceId,
  },
  // Handlers skip blobs that are no longer pending, so duplicate jobs are harmless.
  'blob.process': {
    policy: 'standard',
    retryLimit: 3,
    retryDelay: 2,
    expireInSeconds: 900,
    singletonKey: (p) => p.sha256,
  },
  // Stately: at most one queued and one running per case, so grouping catches every new blob once.
  'case.group': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 2,
    expireInSeconds: 3600,
    singletonKey: (p) => p.caseId,
  },
  // Like grouping: one queued and one running per case, each run matches whatever is still unmatched.
  'case.match': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 2,
    expireInSeconds: 3600,
    singletonKey: (p) => p.caseId,
  },
  'hashset.rematch': {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 10,
    expireInSeconds: 6 * 3600,
    singletonKey: (p) => p.setId,
  },
  // Each stop of a server mid-import costs an attempt (it starts over), so allow several.
  'hashset.import': {
    policy: 'stately',
    retryLimit: 10,
    retryDelay: 3,
    expireInSeconds: 12 * 3600,
    singletonKey: (p) => p.importId,
  },
  // Runs for hours on a large installation (it decodes older images once more); heartbeats keep it alive.
  'cases.regroup': {
    policy: 'stately',
    retryLimit: 10,
    retryDelay: 30,
    expireInSeconds: 24 * 3600,
    singletonKey: (p) => p.jobId,
  },
  // One queued and one running per melding: an upload during a run queues exactly one more, which reads it all.
  'report.extract': {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 1800,
    singletonKey: (p) => p.reportId,
  },
  // Like matching: one queued and one running per case; each run reads whatever the case has not had read yet.
  'case.ocr': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 10,
    expireInSeconds: 6 * 3600,
    singletonKey: (p) => p.caseId,
  },
  // Per generation (its long_jobs row); a retry starts the files over, and the result is the same bytes.
  'case.dossier': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: 6 * 3600,
    singletonKey: (p) => p.jobId,
  },
  // One queued and one running per case: a change during a run queues one more, which reads every attachment.
  'case.suggest': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: 900,
    singletonKey: (p) => p.caseId,
  },
  // One queued and one running per video; a decode is bounded by its own timeout (SPOOR_VIDEO_TIMEOUT_SECONDS).
  'video.process': {
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 3 * 3600,
    singletonKey: (p) => p.sha256,
  },
};

export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, q] of Object.entries(QUEUES)) {
    // Heartbeats: a job whose worker died (kill -9, lost machine) is retried within ~20 s, not at expiry.
    await boss.createQueue(name, {
      notify: true,
      heartbeatSeconds: 10,
      policy: q.policy,
      retryLimit: q.retryLimit,
      retryDelay: q.retryDelay,
      expireInSeconds: q.expireInSeconds,
    });
  }
}

export async function enqueue<K extends JobName>(boss: PgBoss, name: K, payload: Jobs[K]): Promise<void> {
  await boss.send(name, payload, { singletonKey: QUEUES[name].singletonKey(payload) });
}

/** Enqueue to start after a delay (a stage that steps aside for more urgent work comes back by itself). */
export async function enqueueLater<K extends JobName>(boss: PgBoss, name: K, payload: Jobs[K], seconds: number) {
  await boss.send(name, payload, { singletonKey: QUEUES[name].singletonKey(payload), startAfter: seconds });
}

/** Bulk enqueue in one round trip (the unpack job queues thousands of blobs). */
export async function enqueueMany<K extends JobName>(boss: PgBoss, name: K, payloads: Array<Jobs[K]>): Promise<void> {
  if (payloads.length === 0) return;
  await boss.insert(
    name,
    payloads.map((data) => ({ data, singletonKey: QUEUES[name].singletonKey(data) })),
  );
}
