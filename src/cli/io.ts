import type { Progress } from './progress.ts';

/** What a command reads and writes, so tests can run commands in-process. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: () => Promise<string>;
  /** Asks for a secret on the terminal without echoing it; null when there is no terminal. */
  secret: (prompt: string) => Promise<string | null>;
  env: Record<string, string | undefined>;
  /** A progress reporter for one long run, on standard error (never standard output). */
  progress: () => Progress;
}
