import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../src/config.ts';

const BIN = path.resolve('bin/depeche.js');

/** Runs `depeche` as a user would, in a child process; `input` goes to its standard input. */
export function depeche(env: Record<string, string>, args: string[], input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The environment that points `depeche` at a test database (a PostgreSQL schema travels in the URL). */
export function cliEnv(dataDir: string, database: Config['database']): Record<string, string> {
  const env: Record<string, string> = { DATA_DIR: dataDir, PUBLIC_URL: 'https://news.example' };
  if (database.kind === 'postgres') env.DATABASE_URL = `${database.url}?options=-c%20search_path%3D${database.schema}`;
  return env;
}
