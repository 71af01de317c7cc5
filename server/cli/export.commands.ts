// `spoor export`: a case written to a file for the prosecutor or other tools (VICS JSON so far).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { BadInput } from '../errors.ts';
import type { UnmappedCategories } from '../services/export-categories.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';

/** Never a silent drop: says which schemes' categories VICS 2.0 US cannot carry, and what to do about it. */
function warnUnmapped(unmapped: UnmappedCategories): void {
  const counts = Object.entries(unmapped);
  if (counts.length === 0) return;
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const list = counts.map(([scheme, c]) => `${scheme} ${c}`).join(', ');
  log(
    `spoor: warning: ${total} categories have no VICS 2.0 US equivalent and were written without a Category ` +
      `(${list}). Recategorise those items in the VICS 2.0 scheme if the recipient needs their category.`,
  );
}

async function exportCase(o: { case: string; format: string; out: string; json?: boolean }) {
  if (o.format !== 'vics') throw new BadInput('Only --format vics is supported so far.');
  await withRuntime(async (rt, actor) => {
    const out = fs.createWriteStream(o.out, { flags: 'wx' });
    let written;
    try {
      written = await rt.services.exports.vics(actor, { number: o.case }, out);
      await finished(out); // the writer ends the stream itself
    } catch (error) {
      out.destroy();
      await fsp.rm(o.out, { force: true });
      throw error;
    }
    log(`Wrote ${written.media} media records (${written.bytes} bytes) to ${o.out}.`);
    warnUnmapped(written.unmappedCategories);
    if (o.json) printJson({ case: o.case, format: o.format, profile: 'US', out: o.out, ...written });
  });
}

export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('export a case for the prosecutor or other tools')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--format <format>', 'vics')
    .requiredOption('--out <file>', 'output file')
    .option('--json', 'print JSON: media, bytes and unmappedCategories {scheme: count}')
    .action(runCommand(exportCase));
}
