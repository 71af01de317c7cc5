import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { NotFound } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import type { Actor } from '../services/actor.ts';
import { hashFile } from './hash-file.ts';
import { tarFolder } from './folder-tar.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';
import { progressPrinter } from './progress.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function caseFor(rt: Runtime, actor: Actor, number: string, create: boolean) {
  try {
    return await rt.services.cases.open(actor, { number });
  } catch (error) {
    if (!(error instanceof NotFound) || !create) throw error;
    log(`Case ${number} does not exist yet: creating it.`);
    return rt.services.cases.create(actor, { number, title: `Case ${number}` });
  }
}

async function waitUntilDone(rt: Runtime, actor: Actor, evidenceId: string, label: string) {
  const bar = progressPrinter(label);
  for (;;) {
    const progress = await rt.services.ingest.progress(actor, evidenceId);
    bar.update(progress);
    if (progress.done) { bar.finish(); return progress; }
    await sleep(200);
  }
}

export function registerIngestCommands(program: Command): void {
  program.command('ingest <path>').description('upload an export (archive, single file or folder) to a case and wait until it is processed')
    .requiredOption('--case <number>', 'case number (created with the default unit when missing)').option('--json', 'print JSON')
    .action(runCommand(async (input: string, o: { case: string; json?: boolean }) => {
      const started = Date.now();
      const stat = await fsp.stat(input).catch(() => null);
      if (!stat) throw new NotFound(`No file or folder at ${input}.`);
      await withRuntime(async (rt, actor) => {
        const c = await caseFor(rt, actor, o.case, true);
        const name = path.basename(path.resolve(input));
        const body = stat.isDirectory() ? tarFolder(input) : fs.createReadStream(input);
        const ev = await rt.services.ingest.upload(actor, c.id, { body, originalName: name, kind: stat.isDirectory() ? 'folder' : 'file' });
        log(`Stored ${name} as evidence (SHA-256 ${ev.sha256}, ${ev.size} bytes).`);
        const progress = await waitUntilDone(rt, actor, ev.id, name);
        const summary = await rt.services.items.summary(actor, c.id);
        const result = { case: c.number, ...summary, seconds: Number(((Date.now() - started) / 1000).toFixed(2)) };
        if (progress.error) log(`Evidence problem: ${progress.error}`);
        if (o.json) printJson(result);
        else process.stdout.write(`${c.number}: ${result.files} files, ${result.uniqueBlobs} unique, ${result.images} images, ${result.errors} errors, ${result.exactDuplicateGroups} duplicate groups, ${result.nearDuplicateGroups} near-duplicate groups in ${result.seconds} s\n`);
      }, { workers: true });
    }));

  program.command('items').description('list every file of a case as NDJSON (one JSON object per line)')
    .requiredOption('--case <number>', 'case number').option('--json', 'NDJSON output (the default)')
    .action(runCommand(async (o: { case: string }) => {
      await withRuntime(async (rt, actor) => {
        const c = await rt.services.cases.open(actor, { number: o.case });
        for await (const item of rt.services.items.all(actor, c.id)) {
          const { id: _id, ...rest } = item;
          process.stdout.write(`${JSON.stringify(rest)}\n`);
        }
      });
    }));

  program.command('hash <files...>').description('hash files as ingest does (nothing is stored)').option('--json', 'print JSON')
    .action(runCommand(async (files: string[], o: { json?: boolean }) => {
      const { loadConfig } = await import('../config.ts');
      const limits = loadConfig().ingest;
      const results = [];
      for (const file of files) results.push(await hashFile(file, limits.maxImagePixels));
      if (o.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.sha256 ?? '-'}  ${r.pdq ?? '-'}  ${r.path}${r.error ? `  (${r.error})` : ''}\n`);
    }));
}
