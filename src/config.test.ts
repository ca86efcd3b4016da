import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('sqlite');
    expect(c.database.kind === 'sqlite' && c.database.file.endsWith('data/depeche.db')).toBe(true);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.demoContent).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('uses PostgreSQL when DATABASE_URL says so', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });
  it('reports every bad variable at once, naming it', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_CONTENT: 'yes', TIME_ZONE: 'Mars/Base' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT: expected a port number');
      expect(problems).toContain('DATABASE_URL: expected postgres://… or unset for SQLite');
      expect(problems).toContain('DEMO_CONTENT: expected true or false');
      expect(problems).toContain('TIME_ZONE: expected an IANA time zone');
    }
  });
});
