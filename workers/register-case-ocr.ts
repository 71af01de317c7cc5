// Binds the OCR stage of case media (case.ocr) to its queue: one case at a time per process, so OCR never takes
// more of the machine than one tesseract pool, and hashing, matching and grouping keep their own workers.
import type { PgBoss } from 'pg-boss';
import { logOutcome } from './handlers/deps.ts';
import { readCaseText, type CaseOcrDeps } from './handlers/case-ocr.ts';
import type { Jobs } from './jobs.ts';
import { PROMPT_POLLING, workPromptly } from './work-promptly.ts';

export async function registerCaseOcrWorkers(boss: PgBoss, deps: CaseOcrDeps): Promise<void> {
  await workPromptly<Jobs['case.ocr']>(boss, 'case.ocr', { ...PROMPT_POLLING, batchSize: 1 }, async ([job]) => {
    logOutcome(deps, 'case.ocr', job!.data.caseId, await readCaseText(deps, job!.data.caseId));
  });
}
