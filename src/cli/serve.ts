import type { Config } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { type RunningServer, startServer } from '../server/main.ts';
import { formatDemoUsers } from '../server/modules/demo/demo.usecases.ts';

function banner(server: RunningServer, startedAt: number): string {
  const lines = [
    `Trygg is running at ${server.url}  (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
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
  const demo = server.demo;
  if (demo?.status === 'created') {
    lines.push(
      '',
      `Demo city created in ${(demo.ms / 1000).toFixed(1)} s (TRYGG_DEMO=off skips it). Its accounts, one per role`,
      '(passwords shown only this once):',
      '',
      formatDemoUsers(demo.users.filter((u) => u.showcase)),
    );
    const others = demo.users.filter((u) => !u.showcase);
    if (others.length > 0) {
      lines.push(
        '',
        `The ${others.length} other accounts (coordinators, managers and staff, e.g. ${others[0]?.email}) share the password ${others[0]?.password}`,
        '(`npx trygg users list` lists them).',
      );
    }
    if (demo.cast?.users.length) {
      lines.push(
        '',
        `To follow incidents from report to closure in one committee (${demo.cast.organisation}):`,
        '',
        formatDemoUsers(demo.cast.users),
      );
    }
    if (demo.threatRegister) {
      const r = demo.threatRegister;
      lines.push(
        '',
        `Known threats are recorded for the (fictional) case references ${r.references.join(', ')}; ${r.caseWorker} has registered ${r.registered.join(' and ')} and sees the warning.`,
      );
    }
    if (demo.incidents) {
      lines.push(
        '',
        `${demo.incidents.incidents.toLocaleString('en-GB')} incidents over the last three years (\`npx trygg demo\` on an empty database makes the full 90,000; \`--incidents N\` adds more).`,
      );
    }
  }
  return `\n${lines.join('\n')}\n\n`;
}

/**
 * Runs until SIGINT/SIGTERM, then stops HTTP first and the database last. The signal handlers are
 * in place before anything starts, so a signal during start-up still stops the database cleanly.
 */
export async function serveCommand(config: Config): Promise<number> {
  const log = createLogger(config);
  const startedAt = Date.now();
  let signalled: string | null = null;
  let onSignal: (signal: string) => void = (signal) => {
    signalled = signal;
  };
  const handler = (signal: NodeJS.Signals) => onSignal(signal);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  try {
    const server = await startServer(config, log);
    const stop = async (signal: string): Promise<number> => {
      log.info({ signal }, 'shutting down');
      try {
        await server.stop();
        return 0;
      } catch (err) {
        log.error({ err }, 'shutdown failed');
        return 1;
      }
    };
    if (signalled) return await stop(signalled);
    process.stdout.write(banner(server, startedAt));
    return await new Promise<number>((resolve) => {
      let stopping = false;
      onSignal = (signal) => {
        if (stopping) return;
        stopping = true;
        void stop(signal).then(resolve);
      };
    });
  } finally {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  }
}
