import type { Config } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { startServer } from '../server/main.ts';

/** Runs until SIGINT/SIGTERM, then stops HTTP first and the database last. */
export async function serveCommand(config: Config): Promise<number> {
  const log = createLogger(config);
  const started = Date.now();
  const server = await startServer(config, log);
  const lines = [
    `Trygg is running at ${server.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  ];
  const admin = server.bootstrap.createdAdmin;
  if (admin) {
    lines.push(
      '',
      'First administrator created:',
      `  e-mail:   ${admin.email}`,
      admin.generated
        ? `  password: ${admin.password}   (shown only this once: write it down)`
        : '  password: the one in TRYGG_ADMIN_PASSWORD',
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      try {
        await server.stop();
        resolve(0);
      } catch (err) {
        log.error({ err }, 'shutdown failed');
        resolve(1);
      }
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
