// `spoor user …`, `spoor case …` and `spoor audit verify`: administration from the command line.
import type { Command } from 'commander';
import type { Role } from '../../storage/repositories/users.repository.ts';
import { presentCase } from '../presenters/cases.ts';
import { presentUser } from '../presenters/users.ts';
import { log, printJson, runCommand, withRuntime } from './context.ts';

type UserAddOpts = { unit: string; role: Role; name?: string; contact?: string; password?: string; json?: boolean };

async function addUser(username: string, o: UserAddOpts) {
  await withRuntime(async (rt, actor) => {
    const input = {
      username,
      unit: o.unit,
      role: o.role,
      displayName: o.name,
      contact: o.contact,
      password: o.password,
    };
    const { user: created, password } = await rt.services.users.create(actor, { ...input, oneTime: true });
    if (o.json) printJson({ user: presentUser(created), password });
    else
      process.stdout.write(
        `Created ${created.username} (${created.role}, ${created.unit_name}). Password: ${password}\n`,
      );
  });
}

async function listUsers(o: { json?: boolean }) {
  await withRuntime(async (rt, actor) => {
    const rows = (await rt.services.users.list(actor)).map(presentUser);
    if (o.json) return printJson(rows);
    for (const u of rows)
      process.stdout.write(
        `${u.username.padEnd(20)} ${u.role.padEnd(11)} ${u.unit.padEnd(22)} ${u.disabled ? 'disabled' : 'active'}\n`,
      );
  });
}

/** `spoor user add` and `spoor user list`. */
function registerUserAccountCommands(user: Command): void {
  user
    .command('add <username>')
    .description('create an account; prints its one-time password (generated unless given)')
    .requiredOption('--unit <unit>', 'unit name or code, e.g. "Amsterdam" or "LE"')
    .requiredOption('--role <role>', 'admin, lead, analyst, prosecutor or frontoffice')
    .option('--name <displayName>', 'display name')
    .option('--contact <contact>', 'phone or e-mail shown to colleagues for cross-case hits')
    .option('--password <password>', 'set this password instead of generating one')
    .option('--json', 'print JSON')
    .action(runCommand(addUser));
  user.command('list').description('list accounts').option('--json', 'print JSON').action(runCommand(listUsers));
}

/** `spoor user disable|enable|reset-password`: access to an existing account. */
function registerUserAccessCommands(user: Command): void {
  user
    .command('disable <username>')
    .description('disable an account and end its sessions')
    .action(
      runCommand(async (username: string) => {
        await withRuntime(async (rt, actor) => {
          await rt.services.users.setDisabled(actor, username, true);
          log(`Disabled ${username}.`);
        });
      }),
    );
  user
    .command('enable <username>')
    .description('re-enable an account')
    .action(
      runCommand(async (username: string) => {
        await withRuntime(async (rt, actor) => {
          await rt.services.users.setDisabled(actor, username, false);
          log(`Enabled ${username}.`);
        });
      }),
    );
  user
    .command('reset-password <username>')
    .description('set a new one-time password and end the sessions')
    .action(
      runCommand(async (username: string) => {
        await withRuntime(async (rt, actor) => {
          process.stdout.write(`${await rt.services.users.resetPassword(actor, username)}\n`);
        });
      }),
    );
}

/** `spoor case create|list|add-member`. */
function registerCaseCommands(kase: Command): void {
  kase
    .command('create <number>')
    .description('create a case')
    .requiredOption('--title <title>', 'case title')
    .option('--unit <unit>', "owning unit (default: the admin's unit)")
    .option('--json', 'print JSON')
    .action(
      runCommand(async (number: string, o: { title: string; unit?: string; json?: boolean }) => {
        await withRuntime(async (rt, actor) => {
          const created = await rt.services.cases.create(actor, { number, title: o.title, unit: o.unit });
          if (o.json) printJson(presentCase({ ...created, access: 'write' }));
          else process.stdout.write(`Created case ${created.number} (${created.unit_name}).\n`);
        });
      }),
    );
  kase
    .command('list')
    .description('list cases')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (o: { json?: boolean }) => {
        await withRuntime(async (rt, actor) => {
          const rows = (await rt.services.cases.list(actor)).map((c) => presentCase({ ...c, access: 'write' }));
          if (o.json) return printJson(rows);
          for (const c of rows)
            process.stdout.write(`${c.number.padEnd(24)} ${c.status.padEnd(9)} ${c.unit.padEnd(22)} ${c.title}\n`);
        });
      }),
    );
  kase
    .command('add-member <number> <username>')
    .description('add a member to a case')
    .action(
      runCommand(async (number: string, username: string) => {
        await withRuntime(async (rt, actor) => {
          const c = await rt.services.cases.open(actor, { number });
          await rt.services.cases.addMember(actor, c.id, username);
          log(`Added ${username} to ${number}.`);
        });
      }),
    );
}

async function verifyAudit(o: { json?: boolean }) {
  await withRuntime(async (rt) => {
    const result = await rt.services.audit.verify();
    if (o.json) printJson(result);
    else if (result.ok) {
      const last = result.lastCheckpointAt ? `, the last at ${result.lastCheckpointAt}` : '';
      const agree = `${result.checkpoints} checkpoints agree${last}`;
      process.stdout.write(`Audit chain intact: ${result.entries} entries, ${agree}.\n`);
    } else {
      const where = result.firstBrokenId === null ? '' : ` at entry ${result.firstBrokenId}`;
      process.stdout.write(`Audit chain BROKEN${where}: ${result.reason}\n`);
    }
    if (!result.ok) process.exitCode = 3;
  });
}

export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('manage accounts');
  registerUserAccountCommands(user);
  registerUserAccessCommands(user);
  registerCaseCommands(program.command('case').description('manage cases'));
  program
    .command('audit')
    .description('the tamper-evident audit log')
    .command('verify')
    .description('walk the keyed hash chain, hold it against every signed checkpoint, report the first break')
    .option('--json', 'print JSON')
    .action(runCommand(verifyAudit));
}
