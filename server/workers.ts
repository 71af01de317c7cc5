// Wires job handlers to the runtime. Handlers live in workers/; the services they need come from here.
import type { Runtime } from './runtime.ts';

export type WorkerModule = { queues: string[]; start: (runtime: Runtime) => Promise<void> };

const modules: WorkerModule[] = [];

export async function startAllWorkers(runtime: Runtime): Promise<number> {
  for (const module of modules) await module.start(runtime);
  return modules.reduce((n, m) => n + m.queues.length, 0);
}
