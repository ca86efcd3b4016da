import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { ensureEdition } from '../content/edition.service.ts';
import { copyExportMedia, exportArticles } from '../content/export.service.ts';
import { importArticles, type ImportSource } from '../content/import.service.ts';
import { isEmpty, loadDemo } from '../demo/load-demo.ts';
import { DomainError, ValidationFailed } from '../errors.ts';
import type { Io } from './io.ts';
import { printableJson, printableLines, say } from './printable.ts';
import { exportArchiveCommand, printImported, restoreArchiveCommand, wantsArchive, withImportProgress } from './export-import.commands.ts';
import { isGzip } from '../content/archive.tar.ts';
import { progressReporter } from './progress.ts';
import { newsroomCommands } from './newsroom.commands.ts';
import { mediaCommands } from './media.commands.ts';
import { searchCommands } from './search.commands.ts';
import { editionCommands } from './edition.commands.ts';
import { pollDue } from '../ingest/poller.ts';
import { openMediaStorage } from '../media/open-storage.ts';
import { mediaHref } from '../content/paths.ts';
import { withWriteLedger } from '../media/media-ledger.ts';
import { serve } from '../main.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import { fetchXmltv, importXmltv, refusedAsValidation } from '../tv/xmltv-import.ts';
import { XMLTV_LIMITS } from '../tv/xmltv.ts';
import { CONTENT_TOPIC } from '../bus/content-changes.ts';
import { publishOnce } from '../bus/redis-bus.ts';
import { migrate, openStore, type Store } from '../store/db.ts';
import { checkPlans, importPlans, plannedPath, readExport, reportLines, type MigrateFormat } from '../migrate-in/migrate.service.ts';
import { checkNinjsPlans, exportNinjs, importNinjsPlans, planNinjsImport, plannedSlug, type NinjsFile } from '../ninjs/ninjs.service.ts';


const processIo: Io = {
  // The last guard: whatever reaches the terminal has its control characters escaped (data goes through say before).
  out: (s) => process.stdout.write(printableLines(s)),
  err: (s) => process.stderr.write(printableLines(s)),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
  secret: (prompt) => askHidden(prompt),
  progress: () => progressReporter(process.stderr),
};

/** Reads a line from the terminal with echo off. */
async function askHidden(prompt: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let line = '';
  return new Promise((resolve) => {
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(line);
        }
        if (ch === '\u0003') process.exit(130);
        line = ch === '\u007f' ? line.slice(0, -1) : line + ch;
      }
    };
    process.stdin.on('data', onData);
  });
}

/** The store as the server opens it: commands wait DATABASE_WAIT_SECONDS for a connection or the write lock, like requests. */
export function openCliStore(config: Config): Store {
  return openStore(config.database, { waitMs: config.databaseWaitMs });
}

/**
 * Opens and migrates the store for one command, and closes it after. With REDIS_URL, a command that ran to
 * the end tells the nodes that content may have changed, so their caches empty at once rather than at their next poll.
 */
export async function withStore<T>(config: Config, f: (store: Store) => Promise<T>): Promise<T> {
  const store = openCliStore(config);
  let result: T;
  try {
    await migrate(store);
    await ensureEdition(store.db, { code: config.defaultEdition, name: config.siteName, timeZone: config.timeZone, isDefault: true });
    result = await f(store);
  } finally {
    await store.close();
  }
  if (config.redisUrl && !(await publishOnce(config.redisUrl, config.redisPrefix, CONTENT_TOPIC, { at: Date.now() }))) {
    process.stderr.write('depeche: Redis did not answer; the nodes will see the change at their next poll\n');
  }
  return result;
}

/** Runs the command line; returns the exit code, or undefined while the server keeps running. */
export async function main(argv: string[], io: Io = processIo): Promise<number | undefined> {
  let code: number | undefined = 0;
  const config = () => loadConfig(io.env);
  const program = new Command('depeche')
    .description('Dépêche: the newsroom CMS and reader site')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (s, write) => write(printableLines(s)) });

  program
    .command('serve')
    .description('serve the site (migrates, and loads demo content into an empty store)')
    .action(async () => {
      await serve(io.env);
      code = undefined;
    });

  program
    .command('worker')
    .description('run the background jobs alone (scheduler, webhook deliveries, wire and XMLTV schedule polling, image variants): the same as ROLES=worker serve')
    .action(async () => {
      await serve({ ...io.env, ROLES: 'worker' });
      code = undefined;
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const store = openCliStore(config());
      try {
        const done = await migrate(store);
        io.out(done.length ? done.map((m) => say`migrated ${m}\n`).join('') : 'schema up to date\n');
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('load the demo content into an empty site')
    .option('--no-video', 'without the demo video (made with ffmpeg when it is installed)')
    .action(async (opts: { video: boolean }) => {
      const c = config();
      await withStore(c, async (store) => {
        if (!(await isEmpty({ db: store.db }))) {
          io.err('the site already has articles; demo content goes only into an empty site\n');
          code = 1;
          return;
        }
        const done = await loadDemo({ db: store.db, media: withWriteLedger(openMediaStorage(c), { db: store.db, now: () => new Date() }), config: c, now: () => new Date() }, { video: opts.video });
        io.out(say`loaded ${done.articles.length} demo articles and ${done.programmes} programmes\n`);
        // The transcode is a worker's job: a node with the worker role makes the video ready, then the scheduler publishes its article.
        if (done.video) io.out(say`demo video ${done.video.id} queued for transcoding by a worker\n`);
        else if (done.noVideo) io.out(say`no demo video: ${done.noVideo}\n`);
      });
    });

  program
    .command('import')
    .description('import articles from JSON files (or - for standard input), or restore an export archive into an empty site; all or nothing')
    .argument('<files...>', 'JSON files in the import format, or -, or one export archive (.tar.gz)')
    .option('--json', 'print the result as JSON')
    .option('--from <format>', 'read another format: ninjs (files or folders of IPTC ninjs 1.x, 2.x, 3.x items), wordpress (a WXR export .xml), ghost (a JSON export) or xmltv (a programme schedule, a file or an http(s) URL)')
    .option('--section <slug>', 'with --from ninjs: the section (default: the edition\'s first section)')
    .option('--edition <code>', 'with --from xmltv: the edition whose schedule it is (default: the default edition)')
    .option('--channel <id>', 'with --from xmltv: the XMLTV channel id to take, when the file has several (default: the channel\'s schedule source setting)')
    .option('--dry-run', 'with --from: print what would be imported and what cannot be mapped; write nothing')
    .action(async (files: string[], opts: { json?: boolean; from?: string; section?: string; edition?: string; channel?: string; dryRun?: boolean }) => {
      const c = config();
      if (opts.from !== undefined && !['ninjs', 'wordpress', 'ghost', 'xmltv'].includes(opts.from)) throw new ValidationFailed([{ field: '--from', message: `unknown format "${opts.from}"; expected ninjs, wordpress, ghost or xmltv` }]);
      if (opts.from === 'xmltv') {
        await importXmltvCommand(c, files, opts);
        return;
      }
      if (opts.from === 'wordpress' || opts.from === 'ghost') {
        await importExport(c, opts.from, files, opts);
        return;
      }
      if (opts.from === 'ninjs') {
        await importNinjs(c, files, opts);
        return;
      }
      const archives: string[] = [];
      for (const f of files) if (f !== '-' && (await isGzip(path.resolve(f)))) archives.push(f);
      if (archives.length) {
        if (files.length > 1) throw new ValidationFailed([{ field: archives[0], message: 'an export archive is restored on its own: give it as the only file' }]);
        await withStore(c, (store) => restoreArchiveCommand(c, store, archives[0], io, opts));
        return;
      }
      const sources: ImportSource[] = [];
      for (const f of files) {
        if (f === '-') sources.push({ name: 'stdin', baseDir: process.cwd(), text: await io.stdin() });
        else {
          const file = path.resolve(f);
          let text: string;
          try {
            text = await fs.readFile(file, 'utf8');
          } catch {
            throw new ValidationFailed([{ field: f, message: 'file not found' }]);
          }
          sources.push({ name: f, baseDir: path.dirname(file), text });
        }
      }
      const done = await withStore(c, (store) => withImportProgress(c, store, io, (deps) => importArticles(deps, sources)));
      printImported(io, done, opts.json);
    });

  program
    .command('export')
    .description('write the whole site to one archive (--out site.tar.gz), or every article in the import format (to standard output, or --out site.json with its images beside it)')
    .option('--out <file>', 'the archive to write (site.tar.gz); a .json name writes articles only, images in a folder beside it (with --format ninjs2|ninjs3: a folder)')
    .option('--format <format>', 'json (default), ninjs2 or ninjs3: one <edition>-<slug>.json IPTC ninjs item per article in the --out folder')
    .action(async (opts: { out?: string; format?: string }) => {
      const c = config();
      if (opts.format && opts.format !== 'json') {
        if (opts.format !== 'ninjs2' && opts.format !== 'ninjs3') throw new ValidationFailed([{ field: '--format', message: `unknown format "${opts.format}"; expected json, ninjs2 or ninjs3` }]);
        if (!opts.out) throw new ValidationFailed([{ field: '--out', message: `required with --format ${opts.format}: the folder to write` }]);
        const dir = path.resolve(opts.out);
        const items = await withStore(c, (store) => exportNinjs(store.db, c, opts.format === 'ninjs3' ? 3 : 2));
        await fs.mkdir(dir, { recursive: true });
        for (const i of items) await fs.writeFile(path.join(dir, i.file), JSON.stringify(i.item, null, 2) + '\n');
        io.out(say`exported ${items.length} articles as ${opts.format} to ${opts.out}\n`);
        return;
      }
      if (opts.out && wantsArchive(opts.out)) {
        await withStore(c, (store) => exportArchiveCommand(c, store, opts.out!, io));
        return;
      }
      await withStore(c, async (store) => {
        const media = openMediaStorage(c);
        if (!opts.out) {
          // Where each picture is: its file in the local folder, or its address when the media are in a bucket.
          const { articles } = await exportArticles(store.db, (key) => (c.media.storage === 'local' ? path.join(c.mediaDir, key) : mediaHref(key, c.publicUrl, c.media.publicUrl)));
          io.out(printableJson(articles) + '\n');
          return;
        }
        const out = path.resolve(opts.out);
        const mediaFolder = `${path.basename(out, path.extname(out))}-media`;
        const { articles, files } = await exportArticles(store.db, (key) => `${mediaFolder}/${key}`);
        await copyExportMedia(media, files, path.dirname(out), async (file, data) => {
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.writeFile(file, data);
        });
        await fs.writeFile(out, JSON.stringify(articles, null, 2) + '\n');
        io.out(say`exported ${articles.length} articles and ${files.size} images to ${opts.out}\n`);
      });
    });

  newsroomCommands(program, { config, withStore, io });
  mediaCommands(program, { config, io, exitWith: (n) => (code = n) });
  searchCommands(program, { config, withStore, io });
  editionCommands(program, { config, withStore, io });

  program
    .command('ingest')
    .description('wire ingest (docs/ingest.md)')
    .command('poll')
    .description('poll every ingest source once; one line per source')
    .action(async () => {
      const c = config();
      const quiet = { info() {}, warn() {}, error() {} }; // each outcome is printed below
      const results = await withStore(c, (store) => pollDue({ db: store.db, now: () => new Date(), log: quiet, ingestDir: c.ingestDir }, { all: true }));
      for (const r of results) {
        if (!r.ok) io.out(say`${r.name}: error: ${r.error}\n`);
        else {
          io.out(say`${r.name}: ${r.added} new, ${r.duplicates} duplicates` + (r.failed.length ? say`, ${r.failed.length} failed` : '') + (r.notModified ? ' (not modified)' : '') + '\n');
          for (const f of r.failed) io.out(say`${r.name}: failed ${f.file}: ${f.reason}\n`);
        }
      }
      if (results.some((r) => !r.ok || r.failed.length)) code = 1;
    });

  /** `import --from ninjs`: convert, report what cannot be mapped, then the ordinary import (or nothing, with --dry-run). */
  async function importNinjs(c: Config, args: string[], opts: { json?: boolean; section?: string; dryRun?: boolean }) {
    const files: NinjsFile[] = [];
    for (const a of args) {
      const p = path.resolve(a);
      const stat = await fs.stat(p).catch(() => null);
      if (!stat) throw new ValidationFailed([{ field: a, message: 'file not found' }]);
      const names = stat.isDirectory() ? (await fs.readdir(p)).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(p, n)) : [p];
      for (const n of names) files.push({ name: stat.isDirectory() ? path.join(a, path.basename(n)) : a, text: await fs.readFile(n, 'utf8') });
    }
    await withStore(c, async (store) => {
      const plans = await planNinjsImport(store.db, files, { defaultEdition: c.defaultEdition, section: opts.section });
      const notes = plans.flatMap((p) => p.notes.map((n) => say`not mapped ${p.name}: ${n.field}: ${n.message}\n`));
      if (opts.dryRun) {
        const issues = await checkNinjsPlans(store.db, plans);
        for (const p of plans) io.out(say`would import ${plannedSlug(p)} (ninjs ${p.version}.x) into ${p.article.edition}/${p.article.section ?? '?'} as ${p.article.status}\n`);
        io.out(notes.join(''));
        if (issues.length) throw new ValidationFailed(issues);
        io.out('dry run: nothing was written\n');
        return;
      }
      const done = await withImportProgress(c, store, io, (deps) => importNinjsPlans(deps, plans));
      printImported(io, done, opts.json, notes.join(''));
    });
  }

  /** `import --from xmltv FILE|URL`: one schedule file into an edition's programmes; its hours' former imported programmes are replaced. */
  async function importXmltvCommand(c: Config, args: string[], opts: { json?: boolean; edition?: string; channel?: string; dryRun?: boolean }) {
    if (args.length !== 1) throw new ValidationFailed([{ field: 'files', message: '--from xmltv takes one file or URL' }]);
    if (opts.dryRun) throw new ValidationFailed([{ field: '--dry-run', message: 'not available with --from xmltv' }]);
    const source = args[0]!;
    let bytes: Uint8Array;
    try {
      if (/^https?:\/\//i.test(source)) bytes = await fetchXmltv(source);
      else {
        const file = path.resolve(source);
        const stat = await fs.stat(file).catch(() => null);
        if (!stat?.isFile()) throw new ValidationFailed([{ field: source, message: 'file not found' }]);
        if (stat.size > XMLTV_LIMITS.maxBytes) throw new ValidationFailed([{ field: source, message: `larger than ${XMLTV_LIMITS.maxBytes} bytes` }]);
        bytes = await fs.readFile(file);
      }
    } catch (e) {
      refusedAsValidation(e, source);
    }
    const r = await withStore(c, async (store) => {
      const edition = opts.edition ?? c.defaultEdition;
      if (!(await store.db.selectFrom('editions').select('code').where('code', '=', edition).executeTakeFirst())) throw new ValidationFailed([{ field: '--edition', message: `unknown edition "${edition}"` }]);
      const setting = await store.db.selectFrom('channels').select('schedule_channel').where('edition', '=', edition).executeTakeFirst();
      try {
        return await importXmltv({ db: store.db, now: () => new Date() }, { edition, bytes, channel: opts.channel ?? setting?.schedule_channel ?? null, actor: SYSTEM, origin: source });
      } catch (e) {
        return refusedAsValidation(e, source);
      }
    });
    if (opts.json) {
      io.out(printableJson(r) + '\n');
      return;
    }
    io.out(say`imported ${r.imported} programmes of channel ${r.channel} into the ${r.edition} schedule` + (r.from ? say` (${r.from} to ${r.to})` : '') + say`; replaced ${r.replaced}, kept ${r.keptAdmin} edited in the newsroom, ${r.showsCreated} new shows\n`);
    for (const s of r.skipped) io.out(s.index ? say`skipped programme ${s.index}: ${s.reason}\n` : say`skipped: ${s.reason}\n`);
  }

  /** `import --from wordpress|ghost`: convert one export, report, then the ordinary import (or nothing, with --dry-run). */
  async function importExport(c: Config, format: MigrateFormat, args: string[], opts: { json?: boolean; dryRun?: boolean }) {
    if (args.length !== 1) throw new ValidationFailed([{ field: 'files', message: `--from ${format} takes one export file` }]);
    const bytes = await fs.readFile(path.resolve(args[0])).catch(() => null);
    if (bytes === null) throw new ValidationFailed([{ field: args[0], message: 'file not found' }]);
    const result = readExport(format, args[0], bytes, c.defaultEdition, c.timeZone);
    const report = reportLines(result).map((l) => say`${l}\n`).join('');
    await withStore(c, async (store) => {
      if (opts.dryRun) {
        const issues = await checkPlans(store.db, result.plans);
        for (const p of result.plans) io.out(say`would import ${String(p.article.slug)} (${format} ${p.kind}) into ${plannedPath(p).split('/').slice(1, 3).join('/')} as ${String(p.article.status)}\n`);
        io.out(report);
        if (issues.length) throw new ValidationFailed(issues);
        io.out('dry run: nothing was written\n');
        return;
      }
      const done = await withImportProgress(c, store, io, (deps) => importPlans(deps, result.plans, result.baseDir));
      printImported(io, done, opts.json);
      io.err(report);
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ValidationFailed) {
      const what = argv[0] === 'import' ? 'imported' : 'written';
      io.err(`nothing was ${what}:\n${e.issues.map((i) => say`  ${i.field}: ${i.message}\n`).join('')}`);
      return 1;
    }
    if (e instanceof DomainError) {
      io.err(say`${e.message}\n`);
      return 1;
    }
    if (e instanceof ConfigError) {
      io.err(printableLines(e.message) + '\n');
      return 2;
    }
    io.err(printableLines(`${(e as Error).stack ?? e}`) + '\n');
    return 1;
  }
  return code;
}
