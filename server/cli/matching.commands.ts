// `spoor hashset import`, `spoor lookup` and `spoor match`: known material and matching from the command line.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Command } from 'commander';
import { NotFound } from '../errors.ts';
import { loadConfig } from '../config.ts';
import type { Match } from '../services/lookup.service.ts';
import type { SelectorMatch } from '../services/selector-lookup.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';

type ImportOpts = {
  name: string;
  format?: 'vics' | 'list' | 'csv';
  version?: string;
  source?: string;
  visibility?: 'national' | 'unit';
  unit?: string;
  radius?: string;
  scheme?: string;
  json?: boolean;
};
type LookupOpts = {
  image?: string;
  selector?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: string;
  radius?: string;
  json?: boolean;
};

async function importHashSet(file: string, o: ImportOpts) {
  if (!(await fsp.stat(file).catch(() => null))) throw new NotFound(`No file at ${file}.`);
  await withRuntime(async (rt, actor) => {
    const result = await rt.services.hashSets.importSet(actor, fs.createReadStream(file), {
      name: o.name,
      format: o.format,
      version: o.version,
      source: o.source,
      visibility: o.visibility,
      unit: o.unit,
      radius: Number(o.radius),
      scheme: o.scheme,
    });
    const out = {
      name: result.name,
      version: result.version,
      entries: result.entries,
      skipped: result.skipped,
      seconds: result.seconds,
    };
    if (o.json) printJson(out);
    else
      process.stdout.write(
        `Imported ${out.entries} entries into "${out.name}" version ${out.version} in ${out.seconds} s; ${result.skippedCount} skipped.\n`,
      );
    for (const s of result.skipped.slice(0, 20)) log(`skipped ${s.position}: ${s.reason}`);
  });
}

function registerHashSetCommands(program: Command): void {
  program
    .command('hashset')
    .description('known-material hash sets')
    .command('import <file>')
    .description(
      'import a VICS JSON, hash list or CSV as a new version of a hash set (replaces the old version atomically)',
    )
    .requiredOption('--name <name>', 'hash-set name')
    .option('--format <format>', 'vics, list or csv (default: detected)')
    .option('--version <version>', 'version label (default: the import time)')
    .option('--source <source>', 'Project VIC, CAID, own, …', 'own')
    .option('--visibility <visibility>', 'national or unit', 'national')
    .option('--unit <unit>', 'owning unit (default: yours)')
    .option('--radius <radius>', 'PDQ near-match radius for this set', '31')
    .option('--scheme <scheme>', 'category scheme of a CSV (e.g. vics2-us)')
    .option('--json', 'print JSON')
    .action(runCommand(importHashSet));
}

function printSelectorLookup(r: { query: { type: string; value: string }; matches: SelectorMatch[] }, json?: boolean) {
  if (json) return printJson(r);
  process.stdout.write(`${r.query.type} ${r.query.value}: ${r.matches.length ? '' : 'not reported before.'}\n`);
  for (const m of r.matches) {
    const who = m.report.visible ? `"${m.surface}"` : `not yours; contact ${m.report.contact ?? 'the unit'}`;
    process.stdout.write(`  melding ${m.report.number}, ${m.report.unit}, received ${m.received}: ${who}\n`);
  }
}

function printMatches(matches: Match[]) {
  if (matches.length === 0) process.stdout.write('No matches.\n');
  for (const m of matches) {
    const where = m.hashSet
      ? `hash set ${m.hashSet.name} (${m.hashSet.version})`
      : `case ${m.case!.number}, ${m.case!.unit}${m.case!.visible ? '' : ` — not your case; contact ${m.case!.contact ?? 'the unit'}`}`;
    process.stdout.write(
      `${m.kind.padEnd(5)} d=${String(m.distance).padStart(2)}  ${where}${m.category !== null ? `  category ${m.category}` : ''}\n`,
    );
  }
}

async function lookup(o: LookupOpts) {
  const radius = o.radius === undefined ? undefined : Number(o.radius);
  await withRuntime(async (rt, actor) => {
    if (o.selector !== undefined)
      return printSelectorLookup(await rt.services.lookup.bySelector(actor, o.selector), o.json);
    const result = o.image
      ? await rt.services.lookup.byImage(actor, await fsp.readFile(o.image), radius, loadConfig().ingest.maxImagePixels)
      : await rt.services.lookup.byHash(actor, { md5: o.md5, sha1: o.sha1, sha256: o.sha256, pdq: o.pdq, radius });
    if (o.json) return printJson(result);
    printMatches(result.matches);
  });
}

function registerLookupCommand(program: Command): void {
  program
    .command('lookup')
    .description('has anyone seen this before? Look up one hash or image in hash sets and all cases')
    .option('--image <file>', 'an image, hashed as ingest does (not stored)')
    .option('--selector <text>', 'a phone, e-mail, handle, IBAN, IP, URL or wallet in any written form, in meldingen')
    .option('--md5 <hash>')
    .option('--sha1 <hash>')
    .option('--sha256 <hash>')
    .option('--pdq <hex>')
    .option('--radius <r>', 'PDQ distance (default 31)')
    .option('--json', 'print JSON')
    .action(runCommand(lookup));
}

async function matchCase(o: { case: string; json?: boolean }) {
  await withRuntime(
    async (rt, actor) => {
      const c = await rt.services.cases.open(actor, { number: o.case });
      const { queued } = await rt.services.lookup.rematchCase(actor, { id: c.id });
      const { matchesRepo } = await import('../../storage/repositories/matches.repository.ts');
      while ((await matchesRepo(rt.pool).unmatchedCount(c.id)) > 0) await new Promise((r) => setTimeout(r, 200));
      const n = await matchesRepo(rt.pool).countsForCase(c.id);
      if (o.json) printJson({ case: c.number, rematched: queued, hashSetMatches: n!.sets, caseLinks: n!.cases });
      else
        process.stdout.write(
          `${c.number}: re-matched ${queued} items: ${n!.sets} hash-set matches, ${n!.cases} links to other cases.\n`,
        );
    },
    { workers: true },
  );
}

export function registerMatchingCommands(program: Command): void {
  registerHashSetCommands(program);
  registerLookupCommand(program);
  program
    .command('match')
    .description('match a case again against current hash sets and cases (on demand) and wait')
    .requiredOption('--case <number>', 'case number')
    .option('--json', 'print JSON')
    .action(runCommand(matchCase));
}
