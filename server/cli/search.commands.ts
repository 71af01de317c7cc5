// `spoor search --case <number> --text "<query>"`: full-text search over the text recognised in a case's media,
// as the API answers it (Dutch and English), every page of it. Audited like a search in the workbench.
import type { Command } from 'commander';
import { printJson, runCommand, withRuntime } from './context.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const PAGE = 500;

async function searchCommand(o: { case: string; text: string; json?: boolean }) {
  await withRuntime(async (rt, actor) => {
    const c = await rt.services.cases.open(actor, { number: o.case });
    const matches: Array<{ path: string; sha256: string; snippet: string }> = [];
    for (let cursor: string | undefined; ;) {
      const page = await rt.services.caseText.search(actor, c.id, { q: o.text, limit: PAGE, cursor });
      matches.push(...page.matches.map((m) => ({ path: m.path, sha256: m.sha256, snippet: m.snippet })));
      if (!page.next) break;
      cursor = page.next;
    }
    if (o.json) return printJson({ matches });
    if (matches.length === 0) out(`No text in case ${c.number} matches "${o.text}".`);
    for (const m of matches) out(`${m.path}  ${m.sha256.slice(0, 12)}  ${m.snippet.replace(/\s+/g, ' ')}`);
  });
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('Search the text recognised in the images of a case (OCR; Dutch and English full-text).')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--text <query>', 'words, "a phrase", or -excluded')
    .option('--json', 'print {matches: [{path, sha256, snippet}]}')
    .action(runCommand(searchCommand));
}
