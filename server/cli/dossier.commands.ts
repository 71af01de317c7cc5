// `spoor dossier --case <number> --out <folder> [--json]`: generates the case's dossier (waiting for the job) and
// writes its files to the folder; `spoor dossier verify <folder|zip>` checks one: exit 0 when intact, 3 otherwise.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { findDossierPublicKey, publicKeyOf } from '../../storage/dossier-keys.ts';
import { verifyDossier } from '../../workers/dossier/verify.ts';
import { loadConfig } from '../config.ts';
import { BadInput } from '../errors.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';

const NOT_INTACT = 3;
const STEPS = ['', 'items.csv', 'vics.json', 'case.jsonld', 'dossier.pdf', 'manifest'];

async function emptyFolder(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  if ((await fsp.readdir(dir)).length > 0) {
    throw new BadInput({
      nl: `De map ${dir} is niet leeg. Kies een lege of nieuwe map voor het dossier.`,
      en: `The folder ${dir} is not empty. Choose an empty or new folder for the dossier.`,
    });
  }
}

function progressLine(p: Record<string, number>): void {
  if (!process.stderr.isTTY || !p.step) return;
  process.stderr.write(
    `\rdossier: step ${p.step}/${p.steps} ${STEPS[p.step] ?? ''}: ${p.items ?? 0}/${p.total ?? 0}   `,
  );
}

async function generate(o: { case?: string; out?: string; json?: boolean }) {
  if (!o.case || !o.out) throw new BadInput('Give --case <number> and --out <folder> (or use `spoor dossier verify`).');
  const folder = path.resolve(o.out);
  await emptyFolder(folder);
  await withRuntime(async (rt, actor) => {
    const { caseId, job } = await rt.services.dossiers.generate(actor, o.case!, progressLine);
    if (process.stderr.isTTY) process.stderr.write('\n');
    const d = await rt.services.dossiers.writeFolder(actor, caseId, job.dossier_id!, folder);
    const files = d.files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes }));
    const asOf = new Date(d.as_of).toISOString();
    if (o.json) printJson({ folder, files, counts: d.counts, manifestSha256: d.manifest_sha256, asOf });
    else log(`Wrote the dossier of case ${o.case} (as of ${asOf}) to ${folder}: ${files.length} files.`);
  });
}

async function verify(target: string, o: { publicKey?: string; json?: boolean }) {
  const given = o.publicKey ? await fsp.readFile(o.publicKey, 'utf8') : null;
  const keyDir = loadConfig().dossier.keyDir;
  const result = await verifyDossier(path.resolve(target), async (unit) =>
    given ? publicKeyOf(unit, given) : findDossierPublicKey(keyDir, unit),
  );
  if (o.json) printJson(result.ok ? result : { ok: false, problem: result.problem.en });
  if (result.ok) log(`Intact: ${result.files} files match the manifest, signed by unit ${result.unit}.`);
  else {
    log(`NOT intact: ${result.problem.en}`);
    process.exitCode = NOT_INTACT;
  }
}

export function registerDossierCommands(program: Command): void {
  const dossier = program
    .command('dossier')
    .description("generate a case's dossier for the prosecutor into a folder (waits for it); see also `dossier verify`")
    .option('--case <number>', 'case number')
    .option('--out <folder>', 'an empty or new folder for the files')
    .option('--json', 'print {folder, files, counts, manifestSha256, asOf}')
    .action(runCommand(generate));
  dossier
    .command('verify <folder-or-zip>')
    .description(
      'check a dossier: every file against the manifest, no file added or removed, the signature (exit 3 if not)',
    )
    .option('--public-key <pem-file>', "the unit's public key (default: this installation's key of the signing unit)")
    .option('--json', 'print the result as JSON')
    .action(runCommand(verify));
}
