// `spoor devices --case <number>`: the camera bodies of a case, every path taken with each, and the other cases that
// hold the same body (hit/no-hit where the CLI's actor may not open them; the CLI runs as the local admin).
import type { Command } from 'commander';
import type { Runtime } from '../runtime.ts';
import type { Actor } from '../services/actor.ts';
import { printJson, runCommand, withRuntime } from './context.ts';

const PAGE = 1000;

async function pathsOf(rt: Runtime, actor: Actor, caseId: string, deviceId: string): Promise<string[]> {
  const paths: string[] = [];
  for (let after = 0; ;) {
    const page = await rt.services.devices.items(actor, caseId, deviceId, { after, limit: PAGE });
    paths.push(...page.items.map((i) => i.path));
    if (page.next === null) return paths;
    after = page.next;
  }
}

async function devicesCommand(o: { case: string; json?: boolean }) {
  await withRuntime(async (rt, actor) => {
    const c = await rt.services.cases.open(actor, { number: o.case });
    const devices = [];
    for (const d of await rt.services.devices.list(actor, c.id)) {
      devices.push({
        make: d.make,
        model: d.model,
        serial: d.serial,
        items: await pathsOf(rt, actor, c.id, d.id),
        otherCases: d.otherCases.map(({ number, unit, visible }) => ({ number, unit, visible })),
      });
    }
    if (o.json) return printJson({ devices });
    if (devices.length === 0) process.stdout.write(`No camera bodies with a serial in case ${c.number}.\n`);
    for (const d of devices) {
      const others = d.otherCases.map((x) => `${x.number} (${x.unit})`).join(', ');
      process.stdout.write(
        `${d.make} ${d.model ?? ''} serial ${d.serial}: ${d.items.length} file(s)${others ? `; also in ${others}` : ''}\n`,
      );
    }
  });
}

export function registerDevicesCommands(program: Command): void {
  program
    .command('devices')
    .description('list the camera bodies (make + body serial) of a case, their files and the other cases holding them')
    .requiredOption('--case <number>', 'case number')
    .option('--json', 'print JSON')
    .action(runCommand(devicesCommand));
}
