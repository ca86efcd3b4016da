import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's built-in account: what the AWS SDK's default chain reads from the environment. */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' } as const;

export interface TestS3 {
  endpoint: string;
  port: number;
  dir: string;
  /** The S3_* variables (and credentials) that point the app or `depeche` at one bucket here. */
  env(bucket: string): Record<string, string>;
  /** Stops the server (it can be started again on the same port with start()). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** An S3-compatible server on a free loopback port, in its own temporary folder, with the given buckets. */
export async function startS3(buckets: string[]): Promise<TestS3> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-s3-'));
  let port = 0;
  let server: S3rver | undefined;
  const start = async () => {
    server = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) });
    const addr = (await server.run()) as { port: number };
    port = addr.port;
  };
  await start();
  const endpoint = () => `http://127.0.0.1:${port}`;
  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    // Open keep-alive sockets would hold close() up: they go at once.
    (s as unknown as { httpServer?: { closeAllConnections?: () => void } }).httpServer?.closeAllConnections?.();
    await s.close();
  };
  return {
    get endpoint() {
      return endpoint();
    },
    get port() {
      return port;
    },
    dir,
    env: (bucket) => ({ S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ENDPOINT: endpoint(), S3_FORCE_PATH_STYLE: 'true', ...S3RVER_CREDENTIALS }),
    stop,
    start,
    async close() {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
