// `spoor ingest`, `spoor items` and `spoor hash`: getting exports in and looking at what came out.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { BadInput, NotFound } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import type { Actor } from '../services/actor.ts';
import type { ItemView } from '../services/items.service.ts';
import { hashFile } from './hash-file.ts';
import { videoItemFields } from './video-fields.ts';
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
  let paused: string | null = null;
  for (;;) {
    const progress = await rt.services.ingest.progress(actor, evidenceId);
    bar.update(progress);
    if (progress.done) {
      bar.finish();
      return progress;
    }
    // Said once per pause: a paused ingest is waited for, since it resumes by itself once storage is writable.
    if (progress.paused && progress.paused.reason !== paused) {
      log(
        `\n${label}: paused (${pauseText[progress.paused.reason]}); it resumes by itself once storage takes writes ` +
          'again, or run `spoor ingest --resume --case <number>` after freeing space. Waiting…',
      );
    }
    paused = progress.paused?.reason ?? null;
    await sleep(200);
  }
}

const pauseText = {
  'disk-full': 'disk full',
  'io-error': 'storage I/O error',
  unavailable: 'storage unavailable',
} as const;

type Summary = Awaited<ReturnType<Runtime['services']['items']['summary']>>;

function printSummary(number: string, summary: Summary, started: number, json?: boolean, extra: object = {}) {
  const result = { case: number, ...summary, seconds: Number(((Date.now() - started) / 1000).toFixed(2)), ...extra };
  if (json) printJson(result);
  else {
    process.stdout.write(
      `${number}: ${result.files} files, ${result.uniqueBlobs} unique, ${result.images} images, ` +
        `${result.errors} errors, ${result.exactDuplicateGroups} duplicate groups, ` +
        `${result.nearDuplicateGroups} near-duplicate groups in ${result.seconds} s\n`,
    );
  }
}

type IngestOptions = { case: string; json?: boolean; resume?: boolean; evidence?: string };

/** `spoor ingest --resume`: continues a case's paused ingests (and ones older versions failed for a full disk). */
async function resumeIngest(o: IngestOptions) {
  const started = Date.now();
  await withRuntime(
    async (rt, actor) => {
      const c = await rt.services.cases.open(actor, { number: o.case });
      const evidence = (await rt.services.ingest.list(actor, c.id)).filter((e) => !o.evidence || e.id === o.evidence);
      if (o.evidence && evidence.length === 0) {
        throw new NotFound({
          nl: `Zaak ${o.case} heeft geen bewijsstuk ${o.evidence}. Controleer het id in de intake van de zaak.`,
          en: `Case ${o.case} holds no evidence ${o.evidence}. Check the id in the case's intake.`,
        });
      }
      const resumed = [];
      for (const ev of evidence) {
        const r = await rt.services.ingest.resume(actor, ev.id);
        if (!r.unpack && r.blobs === 0 && r.reopened === 0) continue;
        log(
          `Resuming ${ev.original_name}: ${r.unpack ? 'unpacking, ' : ''}${r.blobs + r.reopened} file(s) to process.`,
        );
        resumed.push({ ...r, name: ev.original_name });
      }
      if (resumed.length === 0) log(`Nothing to resume in case ${c.number}.`);
      for (const r of resumed) await waitUntilDone(rt, actor, r.evidenceId, r.name);
      printSummary(c.number, await rt.services.items.summary(actor, c.id), started, o.json, { resumed });
    },
    { workers: true },
  );
}

/** `spoor ingest <path>`: uploads an archive, file or folder (as a tar stream) and waits until it is processed. */
async function ingestPath(input: string | undefined, o: IngestOptions) {
  if (o.resume) return resumeIngest(o);
  if (!input) {
    throw new BadInput({
      nl: 'Geef het pad van de export, of --resume om gepauzeerde verwerking te hervatten.',
      en: 'Give the path of the export to ingest, or --resume to continue paused ingests.',
    });
  }
  const started = Date.now();
  const stat = await fsp.stat(input).catch(() => null);
  if (!stat) throw new NotFound(`No file or folder at ${input}.`);
  await withRuntime(
    async (rt, actor) => {
      const c = await caseFor(rt, actor, o.case, true);
      const name = path.basename(path.resolve(input));
      const body = stat.isDirectory() ? tarFolder(input) : fs.createReadStream(input);
      const ev = await rt.services.ingest.upload(actor, c.id, {
        body,
        originalName: name,
        kind: stat.isDirectory() ? 'folder' : 'file',
      });
      log(`Stored ${name} as evidence (SHA-256 ${ev.sha256}, ${ev.size} bytes).`);
      const progress = await waitUntilDone(rt, actor, ev.id, name);
      if (progress.error) log(`Evidence problem: ${progress.error}`);
      printSummary(c.number, await rt.services.items.summary(actor, c.id), started, o.json);
    },
    { workers: true },
  );
}

/** `spoor items`: every file of a case as NDJSON, without the internal row id. */
async function listItems(o: { case: string }) {
  await withRuntime(async (rt, actor) => {
    const c = await rt.services.cases.open(actor, { number: o.case });
    // Videos get their fields from the video stage (durationSeconds, frames, videoError), a page at a time.
    const page: Array<Omit<ItemView, 'id'>> = [];
    const flush = async () => {
      const shas = page.flatMap((i) => (i.sha256 ? [i.sha256] : []));
      const video = await videoItemFields(rt.pool, shas);
      for (const item of page)
        process.stdout.write(`${JSON.stringify({ ...item, ...video.get(item.sha256 ?? '') })}\n`);
      page.length = 0;
    };
    for await (const item of rt.services.items.all(actor, c.id)) {
      const { id: _id, ...rest } = item;
      page.push(rest);
      if (page.length >= 500) await flush();
    }
    await flush();
  });
}

export function registerIngestCommands(program: Command): void {
  program
    .command('ingest [path]')
    .description('upload an export (archive, single file or folder) to a case and wait until it is processed')
    .requiredOption('--case <number>', 'case number (created with the default unit when missing)')
    .option('--json', 'print JSON')
    .option('--resume', "continue the case's ingests paused by a full disk or storage fault (no path), and wait")
    .option('--evidence <id>', 'with --resume: only this evidence')
    .action(runCommand(ingestPath));

  program
    .command('items')
    .description('list every file of a case as NDJSON (one JSON object per line)')
    .requiredOption('--case <number>', 'case number')
    .option('--json', 'NDJSON output (the default)')
    .action(runCommand(listItems));

  program
    .command('hash <files...>')
    .description('hash files as ingest does (nothing is stored)')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (files: string[], o: { json?: boolean }) => {
        const { loadConfig } = await import('../config.ts');
        const limits = loadConfig().ingest;
        const results = [];
        const video = loadConfig().video;
        for (const file of files) results.push(await hashFile(file, limits.maxImagePixels, video));
        if (o.json) printJson(results);
        else
          for (const r of results)
            process.stdout.write(`${r.sha256 ?? '-'}  ${r.pdq ?? '-'}  ${r.path}${r.error ? `  (${r.error})` : ''}\n`);
      }),
    );
}
