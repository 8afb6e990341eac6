import type { DestinationStream } from 'pino';

/**
 * A development destination for pino that prints one readable line per
 * entry (`12:03:04.512 INFO  request completed GET /api/v1/auth/me 200 3ms`)
 * instead of JSON. pino's own pretty transport (pino-pretty) is a separate
 * package this project does not install; this is the small part of it we
 * need. Production keeps JSON (LOG_FORMAT, see config.schema.ts).
 */
const LEVELS: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR', fatal: 'FATAL' };
const COLORS: Record<string, string> = { trace: '90', debug: '90', info: '32', warn: '33', error: '31', fatal: '35' };
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'context']);

export function prettyLine(json: string, color: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : new Date().toISOString().slice(11, 23);
  const label = LEVELS[level] ?? level.toUpperCase();
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const parts = [paint('90', time), paint(COLORS[level] ?? '0', label)];
  if (entry.context) parts.push(paint('36', `[${String(entry.context)}]`));
  const rest = { ...entry };
  if (entry.msg === 'request completed' && entry.method) {
    // One short line per request.
    parts.push(`${String(entry.method)} ${String(entry.url ?? entry.route)} ${String(entry.status)} ${String(entry.duration_ms)}ms`);
    for (const key of ['method', 'url', 'route', 'status', 'duration_ms']) delete rest[key];
  } else if (entry.msg !== undefined) {
    parts.push(String(entry.msg));
  }
  const details = Object.entries(rest)
    .filter(([key, value]) => !OMITTED.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  if (details.length) parts.push(paint('90', details.join(' ')));
  return `${parts.join(' ')}\n`;
}

/** A pino destination writing pretty lines to `out` (stdout by default), coloured when it is a terminal. */
export function prettyDestination(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): DestinationStream {
  const color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  return { write: (line: string) => void out.write(prettyLine(line, color)) };
}
