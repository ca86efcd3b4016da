import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { createEdition, listEditions, updateEdition, type ApiEdition } from '../content/edition.service.ts';
import { ValidationFailed } from '../errors.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import type { openStore } from '../store/db.ts';
import type { Io } from './io.ts';
import { say } from './printable.ts';

interface Ctx {
  config: () => Config;
  withStore: <T>(config: Config, f: (store: ReturnType<typeof openStore>) => Promise<T>) => Promise<T>;
  io: Io;
}

/** The options as the service names its fields, and its refusals named after the options. */
const OPTION_OF: Record<string, string> = { code: 'CODE', name: '--name', timeZone: '--time-zone', language: '--language', dir: '--dir', numbering: '--numbering', baseUrl: '--base-url', position: '--position', isDefault: '--default' };

async function asOptions<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ValidationFailed) throw new ValidationFailed(e.issues.map((i) => ({ ...i, field: OPTION_OF[i.field] ?? i.field })));
    throw e;
  }
}

interface EditionOptions {
  name?: string;
  timeZone?: string;
  language?: string;
  dir?: string;
  numbering?: string;
  baseUrl?: string;
  position?: string;
  default?: boolean;
}

function fields(opts: EditionOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (opts.name !== undefined) out.name = opts.name;
  if (opts.timeZone !== undefined) out.timeZone = opts.timeZone;
  if (opts.language !== undefined) out.language = opts.language;
  if (opts.dir !== undefined) out.dir = opts.dir;
  // "none" gives the numerals back to the language.
  if (opts.numbering !== undefined) out.numbering = opts.numbering === 'none' ? null : opts.numbering;
  if (opts.baseUrl !== undefined) out.baseUrl = opts.baseUrl;
  if (opts.position !== undefined) out.position = /^\d+$/.test(opts.position) ? Number(opts.position) : opts.position;
  if (opts.default) out.isDefault = true;
  return out;
}

const line = (e: ApiEdition) =>
  say`${e.code}\t${e.name}\t${e.language}\t${e.dir}\t${e.timeZone}\t${e.numbering ?? '-'}\t${e.baseUrl || '-'}` + (e.isDefault ? '\tdefault' : '') + '\n';

/** `depeche edition add|list|set`: the editions, as the Admin API makes them (docs/editions.md). */
export function editionCommands(program: Command, { config, withStore, io }: Ctx): void {
  const edition = program.command('edition').description('editions: one per language or country, each with its path prefix or host name');
  edition
    .command('add')
    .description('create an edition; its direction follows its language unless --dir says otherwise')
    .argument('<code>', 'lowercase language tag, also the path prefix: fr, en, ar, pt-br')
    .requiredOption('--name <name>', 'its name, as readers see it')
    .requiredOption('--time-zone <zone>', 'IANA time zone of its dates: Europe/Paris, Asia/Beirut')
    .option('--dir <dir>', 'ltr or rtl (default: from the language)')
    .option('--language <tag>', 'the language of its pages when the code is not it')
    .option('--numbering <system>', 'numerals of its dates: latn (0-9), arab (٠-٩)… (default: the language’s own)')
    .option('--base-url <url>', 'its own address, e.g. https://ar.example.com (default: the site’s, under /CODE)')
    .option('--position <n>', 'its place in the edition switcher')
    .option('--default', 'make it the default edition')
    .option('--json', 'print the edition as JSON')
    .action(async (code: string, opts: EditionOptions & { json?: boolean }) => {
      const e = await withStore(config(), (store) => asOptions(() => createEdition({ db: store.db, now: () => new Date() }, { code, ...fields(opts) }, SYSTEM)));
      io.out(opts.json ? JSON.stringify(e) + '\n' : say`created edition ${e.code} (${e.name}, ${e.dir}, ${e.timeZone}) at /${e.code}\n`);
    });
  edition
    .command('list')
    .description('the editions, in order: code, name, language, direction, time zone, numerals, base URL')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withStore(config(), (store) => listEditions(store.db));
      io.out(opts.json ? JSON.stringify(list) + '\n' : list.map(line).join(''));
    });
  edition
    .command('set')
    .description('change an edition; options left out keep their value')
    .argument('<code>', 'the edition')
    .option('--name <name>', 'its name')
    .option('--time-zone <zone>', 'IANA time zone')
    .option('--dir <dir>', 'ltr or rtl')
    .option('--language <tag>', 'the language of its pages')
    .option('--numbering <system>', 'latn, arab…, or none for the language’s own')
    .option('--base-url <url>', 'its own address, or "" for the site’s')
    .option('--position <n>', 'its place in the edition switcher')
    .option('--default', 'make it the default edition (the former default stops being it)')
    .option('--json', 'print the edition as JSON')
    .action(async (code: string, opts: EditionOptions & { json?: boolean }) => {
      const e = await withStore(config(), (store) => asOptions(() => updateEdition({ db: store.db, now: () => new Date() }, code, fields(opts), SYSTEM)));
      io.out(opts.json ? JSON.stringify(e) + '\n' : say`changed edition ${e.code}\n` + line(e));
    });
}
