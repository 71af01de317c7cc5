import type { TestEnv } from './runtime.ts';
import { startAllWorkers } from '../../../server/workers.ts';
import type { ItemView } from '../../../server/services/items.service.ts';

export const startWorkers = (env: TestEnv) => startAllWorkers(env.runtime);

export async function uploadEvidence(env: TestEnv, cookie: string, caseId: string, name: string, bytes: Buffer) {
  return env.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/evidence?name=${encodeURIComponent(name)}`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

export async function waitForEvidence(env: TestEnv, evidenceId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await env.runtime.services.ingest.progress(null, evidenceId);
    if (progress.done) return progress;
    if (Date.now() > deadline) throw new Error(`evidence ${evidenceId} not done in time: ${JSON.stringify(progress)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function allItems(env: TestEnv, cookie: string, caseId: string): Promise<ItemView[]> {
  const out: ItemView[] = [];
  for (let after = 0; ;) {
    const page = (
      await env.app.inject({
        method: 'GET',
        url: `/api/cases/${caseId}/items?after=${after}&limit=7`,
        headers: { cookie },
      })
    ).json();
    out.push(...page.items);
    if (page.next === null) return out;
    after = page.next;
  }
}
