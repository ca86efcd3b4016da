import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { clusterVcl } from '../bench/cluster.ts';

it('points the reference VCL at two web nodes behind a round-robin director, and varnishd compiles it', async () => {
  const reference = await fs.readFile('deploy/varnish/default.vcl', 'utf8');
  const vcl = clusterVcl(reference, [40001, 40002]);
  expect(vcl).toMatch(/backend app0 \{[\s\S]*?\.port = "40001";/);
  expect(vcl).toMatch(/backend app1 \{[\s\S]*?\.port = "40002";/);
  expect(vcl).toContain('nodes.add_backend(app0);');
  expect(vcl).toContain('nodes.add_backend(app1);');
  expect(vcl).not.toContain('.port = "3000"');
  // varnishd reads the file as its own unprivileged user: a folder others can read.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-vcl-'));
  await fs.chmod(dir, 0o755);
  try {
    const file = path.join(dir, 'cluster.vcl');
    await fs.writeFile(file, vcl);
    await fs.chmod(file, 0o644);
    // -C compiles the VCL and exits: non-zero, with the compiler's message, on any error.
    await promisify(execFile)('/usr/sbin/varnishd', ['-C', '-n', path.join(dir, 'work'), '-f', file], { maxBuffer: 64 * 1024 * 1024 });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
