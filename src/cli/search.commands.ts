import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { createSearchEngine } from '../search/sql-engine.ts';
import type { openStore } from '../store/db.ts';
import type { Io } from './io.ts';
import { say } from './printable.ts';

interface Ctx {
  config: () => Config;
  withStore: <T>(config: Config, f: (store: ReturnType<typeof openStore>) => Promise<T>) => Promise<T>;
  io: Io;
}

/** `depeche search …`: the search index (docs/search.md). */
export function searchCommands(program: Command, { config, withStore, io }: Ctx): void {
  const search = program.command('search').description('the search index (docs/search.md)');
  search
    .command('reindex')
    .description('index every article and name again, in batches (after an upgrade, a migration or a change of analysis); safe to stop and to run again')
    .action(async () => {
      const c = config();
      const progress = io.progress();
      try {
        const { articles, engine } = await withStore(c, async (store) => {
          const engine = createSearchEngine(store.dialect);
          const r = await engine.rebuild(store.db, (done, total) => progress.update('articles', done, total));
          return { ...r, engine: engine.name };
        });
        progress.stop();
        io.out(say`indexed ${articles} articles (${engine})\n`);
      } finally {
        progress.stop();
      }
    });
}
