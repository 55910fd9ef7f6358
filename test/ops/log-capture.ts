/** A logger whose JSON lines a test can read (the server runs in the test's process). */
import { Logger, createLogger } from '../../src/ops/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Raw lines, as they would be written to stdout. */
  lines: string[];
  /** The lines parsed. */
  entries(): Record<string, any>[];
  clear(): void;
  /** Waits until a line matches (lines are written when a response has been sent). */
  waitFor(match: (entry: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
}

export function captureLogs(level = 'info'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, any>);
  return {
    logger,
    lines,
    entries,
    clear: () => void lines.splice(0),
    async waitFor(match, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = entries().find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No log line matched within ${timeoutMs} ms; lines:\n${lines.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
