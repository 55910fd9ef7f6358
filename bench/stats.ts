/** Small helpers of the benchmarks: latency summaries, text tables, a free port. */
import net from 'node:net';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  total: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((sum, x) => sum + x, 0);
  return {
    n: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: samples.length ? total / samples.length : NaN,
    total,
  };
}

/** Milliseconds with one decimal (three under 1 ms), for tables. */
export const ms = (value: number): string => (Number.isFinite(value) ? (value < 1 ? value.toFixed(3) : value.toFixed(1)) : 'n/a');

/** Rounds every number of a JSON-bound object to 0.01 ms. */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v))) as T;
}

/** A plain-text table with aligned columns (first column left, the rest right). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/**
 * Splits a migration's SQL into statements, keeping dollar-quoted bodies and comments intact,
 * so the profile can time each statement of a multi-statement migration on its own.
 */
export function splitSql(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let dollar: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const rest = sql.slice(i);
    if (dollar) {
      if (rest.startsWith(dollar)) {
        current += dollar;
        i += dollar.length - 1;
        dollar = null;
      } else current += sql[i];
      continue;
    }
    const tag = /^\$[A-Za-z_]*\$/.exec(rest);
    if (tag) {
      dollar = tag[0];
      current += dollar;
      i += dollar.length - 1;
      continue;
    }
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      current += '\n';
      continue;
    }
    if (sql[i] === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      continue;
    }
    current += sql[i];
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** A TCP port free on loopback right now (for the embedded database of a run). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
