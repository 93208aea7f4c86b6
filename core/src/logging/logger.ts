/** Levels in increasing severity; `MMSKILLS_LOG_LEVEL` picks the lowest one written. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger that writes one JSON line per event to stderr, because stdout carries the stdio
 * transport of MCP servers.
 */
export function createLogger(
  name: string,
  options: { level?: LogLevel; write?: (line: string) => void } = {},
): Logger {
  const level = options.level ?? parseLevel(process.env.MMSKILLS_LOG_LEVEL);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, name, message, ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function parseLevel(value: string | undefined): LogLevel {
  return LOG_LEVELS.find((level) => level === value) ?? 'info';
}

/** A logger that adds `fields` to every line `log` writes (a call's trace id, say). */
export function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  const wrap = (emit: Logger['info']) => (message: string, more?: Record<string, unknown>) =>
    emit(message, { ...fields, ...more });
  return { debug: wrap(log.debug), info: wrap(log.info), warn: wrap(log.warn), error: wrap(log.error) };
}
