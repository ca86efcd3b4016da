import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

/** `depeche serve`: load the config, build the app, listen, drain on SIGTERM. */
export async function serve(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(env);
  const app = await buildApp(config);
  await app.server.listen({ host: config.host, port: config.port });
  const stop = async (signal: string) => {
    app.server.log.info({ signal }, 'draining requests, then closing the store');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
