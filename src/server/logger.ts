import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** JSON logs in production; readable, coloured lines in development. Secrets are redacted. */
export function createLogger(config: Pick<Config, 'nodeEnv' | 'logLevel'>): Logger {
  const redact = [
    'req.headers.cookie',
    'req.headers.authorization',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
  ];
  if (config.nodeEnv === 'production') return pino({ level: config.logLevel, redact });
  return pino({
    level: config.logLevel,
    redact,
    transport: {
      target: 'pino-pretty',
      options: { colorize: process.stdout.isTTY, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  });
}
