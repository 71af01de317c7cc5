// `spoor report …`: meldingen from the command line. `report import` reads a manifest, imports the good rows,
// waits until every melding is extracted (OCR included) and linked, and prints what it did.
import fsp from 'node:fs/promises';
import type { Command } from 'commander';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { reportsRepo } from '../../storage/repositories/reports.repository.ts';
import { BadInput, NotFound } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { importManifest, type ImportResult } from '../services/report-import.service.ts';
import { ManifestError } from '../services/report-manifest.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the meldingen' status until none is pending or extracting (extraction runs linking before 'done'). */
async function waitForExtraction(rt: Runtime, ids: string[]): Promise<void> {
  const repo = reportsRepo(rt.pool);
  let said = -1;
  for (;;) {
    const left = await repo.unfinishedCount(ids);
    if (left !== said && left > 0) log(`Extracting and linking: ${ids.length - left} of ${ids.length} meldingen done…`);
    said = left;
    if (left === 0) return;
    await sleep(250);
  }
}

function printResult(result: ImportResult & Record<string, unknown>, json?: boolean) {
  const { reportIds: _ids, ...shown } = result;
  if (json) return printJson(shown);
  process.stdout.write(
    `${result.imported} imported, ${result.unchanged} unchanged, ${result.skipped.length} skipped, ` +
      `${result.attachments} attachments, ${String(shown.selectors)} selectors, ${String(shown.clusters)} clusters, ` +
      `${String(shown.signals)} signals in ${String(shown.seconds)} s\n`,
  );
  for (const s of result.skipped) process.stdout.write(`  line ${s.line}: ${s.reason}\n`);
}

async function importCommand(manifest: string, o: { json?: boolean }) {
  const started = Date.now();
  const stat = await fsp.stat(manifest).catch(() => null);
  if (!stat?.isFile()) throw new NotFound(`No manifest file at ${manifest}.`);
  await withRuntime(
    async (rt, actor) => {
      const { pool, boss, store } = rt;
      const deps = {
        pool,
        boss,
        store,
        audit: rt.services.audit,
        maxAttachmentBytes: rt.config.http.maxAttachmentBytes,
      };
      const result = await importManifest(deps, actor, manifest).catch((error: Error) => {
        if (!(error instanceof ManifestError)) throw error;
        throw new BadInput(`The manifest cannot be read: ${error.message}. Nothing was imported.`);
      });
      log(`Imported ${result.imported} meldingen (${result.unchanged} unchanged, ${result.skipped.length} skipped).`);
      await waitForExtraction(rt, result.reportIds);
      const selectors = await reportsRepo(rt.pool).selectorCount(result.reportIds);
      const seconds = Number(((Date.now() - started) / 1000).toFixed(2));
      const linked = await clustersRepo(rt.pool).countsFor(result.reportIds);
      printResult({ ...result, selectors, ...linked, seconds }, o.json);
    },
    { workers: true },
  );
}

/** Registers `spoor report`; returns the command so other `report …` subcommands can be added to it. */
export function registerReportCommands(program: Command): Command {
  const report = program.command('report').description('meldingen: import, selectors and clusters');
  report
    .command('import <manifest>')
    .description(
      'import meldingen from a CSV (with header) or JSONL manifest; waits until extraction and linking are done',
    )
    .option('--json', 'print JSON: {imported, unchanged, skipped: [{line, reason}], attachments, selectors, …}')
    .action(runCommand(importCommand));
  return report;
}
