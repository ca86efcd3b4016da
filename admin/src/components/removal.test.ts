import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmAndRemove } from './removal.ts';

const said: string[] = [];
vi.mock('./ui.tsx', () => ({ announce: (m: string) => said.push(m) }));

function steps(answer: boolean, removal: () => Promise<unknown> = async () => {}) {
  const log: string[] = [];
  vi.stubGlobal('confirm', (q: string) => {
    log.push(`confirm ${q}`);
    return answer;
  });
  said.length = 0;
  const run = confirmAndRemove({
    question: 'Supprimer ?',
    remove: async () => {
      log.push('remove');
      await removal();
    },
    done: 'Supprimé.',
    reload: async () => log.push('reload'),
    setError: (err) => log.push(`error ${err === null ? 'cleared' : (err as Error).message}`),
  });
  return { log, run };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('confirm, then remove', () => {
  it('does nothing when the question is cancelled', async () => {
    const { log, run } = steps(false);
    await run;
    expect(log).toEqual(['confirm Supprimer ?']);
    expect(said).toEqual([]);
  });

  it('clears the error, removes, announces it and reloads the list', async () => {
    const { log, run } = steps(true);
    await run;
    expect(log).toEqual(['confirm Supprimer ?', 'error cleared', 'remove', 'reload']);
    expect(said).toEqual(['Supprimé.']);
  });

  it('shows a refusal instead of announcing or reloading', async () => {
    const { log, run } = steps(true, async () => {
      throw new Error('refusé');
    });
    await run;
    expect(log).toEqual(['confirm Supprimer ?', 'error cleared', 'remove', 'error refusé']);
    expect(said).toEqual([]);
  });
});
