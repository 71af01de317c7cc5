// `spoor report selectors`, `spoor report clusters` and `spoor signals`: what linking found, for checking by eye or
// by script. Meldingen are named by their number (the source system's registration number) throughout.
import type { Command } from 'commander';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { publicSelectorsRepo } from '../../storage/repositories/public-selectors.repository.ts';
import { reportLinksRepo } from '../../storage/repositories/report-links.repository.ts';
import type { SignalState } from '../../storage/repositories/signals.repository.ts';
import { isPublic } from '../../workers/selectors/public-list.ts';
import type { SelectorName } from '../../workers/signals/index.ts';
import { BadInput, NotFound } from '../errors.ts';
import { presentSignal } from '../presenters/signals.ts';
import type { Runtime } from '../runtime.ts';
import { printJson, runCommand, withRuntime } from './context.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function reportId(rt: Runtime, ref: string | undefined): Promise<string | null> {
  if (ref === undefined) return null;
  const found = await reportLinksRepo(rt.pool).reportsByRef(ref);
  if (found.length === 0) throw new NotFound(`No melding ${ref}. Give its number or id.`);
  if (found.length > 1) {
    const ids = found.map((f) => `${f.id} (${f.unit})`).join(', ');
    throw new BadInput(`Melding number ${ref} exists in several units: give the id instead, one of ${ids}.`);
  }
  return found[0]!.id;
}

async function selectorsCommand(o: { report?: string; json?: boolean }) {
  await withRuntime(async (rt, actor) => {
    const id = await reportId(rt, o.report);
    const rows = await reportLinksRepo(rt.pool).listing(id);
    const list = await publicSelectorsRepo(rt.pool).active();
    for (const r of rows) {
      const line = { ...r, public: isPublic(r.type as SelectorName, r.value, list) };
      const flag = line.public ? ' (public)' : '';
      out(
        o.json ? JSON.stringify(line) : `${r.unit} ${r.report}  ${r.type} ${r.value}  "${r.surface}"  ${r.role}${flag}`,
      );
    }
    const details = { report: id, occurrences: rows.length };
    await rt.services.audit.record(actor, { action: 'report.selectors.list', targetType: 'report', details });
  });
}

async function clustersCommand(o: { json?: boolean }) {
  await withRuntime(async (rt, actor) => {
    const clusters = await clustersRepo(rt.pool).list();
    const links = await reportLinksRepo(rt.pool).clustered();
    const shown = clusters.map((c) => ({
      id: Number(c.id),
      reports: c.members.map((m) => m.number),
      links: links.filter((l) => l.cluster === c.id).map(({ a, b, type, value }) => ({ a, b, type, value })),
    }));
    await rt.services.audit.record(actor, {
      action: 'cluster.list',
      targetType: 'cluster',
      details: { clusters: shown.length },
    });
    if (o.json) return printJson({ clusters: shown });
    if (shown.length === 0) out('No clusters of two or more meldingen.');
    for (const c of shown) out(`cluster ${c.id}: ${c.reports.join(', ')}  (${c.links.length} links)`);
  });
}

async function signalsCommand(o: { json?: boolean; unit?: string; state?: SignalState }) {
  await withRuntime(async (rt, actor) => {
    const page = await rt.services.signals.queue(actor, { unit: o.unit, state: o.state, limit: 500 });
    const signals = [];
    for (const row of page.rows) {
      const members = await clustersRepo(rt.pool).members(row.current_cluster);
      signals.push({ ...presentSignal(row), reports: members.map((m) => m.number) });
    }
    if (o.json) return printJson({ signals });
    if (signals.length === 0) out('No signals.');
    for (const s of signals) out(`#${s.id} ${s.state.padEnd(12)} p${s.priority} ${s.unit}: ${s.reason.nl}`);
  });
}

/** Adds `report selectors` and `report clusters` to `spoor report`, and `spoor signals`. */
export function registerReportViewCommands(program: Command, report: Command): void {
  report
    .command('selectors')
    .description('every selector occurrence, one JSON line each with --json (NDJSON)')
    .option('--report <id>', "one melding's: its number or id")
    .option('--json', 'NDJSON: {report, unit, type, value, surface, source, attachment, public, role}')
    .action(runCommand(selectorsCommand));
  report
    .command('clusters')
    .description('clusters of two or more linked meldingen, by melding number')
    .option('--json', 'print JSON: {clusters: [{id, reports, links: [{a, b, type, value}]}]}')
    .action(runCommand(clustersCommand));
  program
    .command('signals')
    .description('signals for the frontoffice: open first, then by priority')
    .option('--unit <unit>', 'one unit (name or code)')
    .option('--state <state>', 'open, acknowledged, assigned or closed')
    .option('--json', 'print JSON: {signals: [{id, cluster, unit, reason, priority, state, reports, …}]}')
    .action(runCommand(signalsCommand));
}
