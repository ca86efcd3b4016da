import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { ValidationFailed } from '../errors.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import { createToken, createUser, resetPassword } from '../newsroom/users.service.ts';
import type { openStore } from '../store/db.ts';
import type { Io } from './io.ts';
import { say } from './printable.ts';

interface Ctx {
  config: () => Config;
  withStore: <T>(config: Config, f: (store: ReturnType<typeof openStore>) => Promise<T>) => Promise<T>;
  io: Io;
}

/** The password from a hidden prompt (asked twice), or from standard input when it is piped. */
async function password(io: Io): Promise<string> {
  const first = await io.secret('Password: ');
  if (first === null) {
    const piped = (await io.stdin()).replace(/\r?\n$/, '');
    if (!piped) throw new ValidationFailed([{ field: 'password', message: 'required: type it at the prompt or pipe it on standard input' }]);
    return piped;
  }
  if ((await io.secret('Again: ')) !== first) throw new ValidationFailed([{ field: 'password', message: 'the two entries differ' }]);
  return first;
}

/** `depeche user …` and `depeche token …`: the shell acts as the system, there being no mail server. */
export function newsroomCommands(program: Command, { config, withStore, io }: Ctx): void {
  const user = program.command('user').description('newsroom accounts');
  user
    .command('create')
    .description('create an account (password from a prompt or standard input)')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .option('--name <name>', 'display name (default: the part before @)')
    .option('--role <role>', 'contributor, author, editor or admin', 'contributor')
    .option('--language <lang>', 'the admin’s language for this account: fr or en', 'fr')
    .action(async (opts: { email: string; name?: string; role: string; language: string }) => {
      const c = config();
      const pw = await password(io);
      const u = await withStore(c, (store) =>
        createUser({ db: store.db, now: () => new Date() }, { email: opts.email, name: opts.name ?? opts.email.split('@')[0], role: opts.role as any, password: pw, language: opts.language as any }, SYSTEM),
      );
      io.out(say`created ${u.role} ${u.email} (id ${u.id})\n`);
    });
  user
    .command('reset-password')
    .description('set a new password (prompt or standard input) and end the account’s sessions')
    .requiredOption('--email <email>', 'the account')
    .action(async (opts: { email: string }) => {
      const c = config();
      const pw = await password(io);
      await withStore(c, (store) => resetPassword({ db: store.db, now: () => new Date() }, opts.email, pw, SYSTEM));
      io.out(say`password changed for ${opts.email}; its sessions are ended\n`);
    });

  program
    .command('token')
    .description('Admin API tokens')
    .command('create')
    .description('create a token; it is printed once')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--role <role>', 'contributor, author, editor or admin')
    .action(async (opts: { name: string; role: string }) => {
      const t = await withStore(config(), (store) => createToken({ db: store.db, now: () => new Date() }, opts, SYSTEM));
      io.out(say`${t.token}\n`);
      io.err(say`token ${t.id} "${opts.name}" (${opts.role}): store it now, it is not shown again\n`);
    });
}
