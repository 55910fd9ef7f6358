/**
 * What every server under test (a child process of `npm run bench`) shares: it counts the SQL
 * statements its pg clients send, tells the parent its URL once it listens, answers the parent's
 * statement-count requests, and exits cleanly on request (so that `--cpu-prof` writes its profile).
 */

import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

/** bench/postgraphile: PostGraphile's own install (run from dist/bench/api once compiled). */
export function postgraphileDir(): string {
  return __dirname.includes(`${path.sep}dist${path.sep}`)
    ? path.resolve(__dirname, '..', '..', '..', 'bench', 'postgraphile')
    : path.resolve(__dirname, '..', 'postgraphile');
}

/** Parent → child. */
export type ToChild = { type: 'stats' } | { type: 'stop' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string };
/** Child → parent. */
export type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'stats'; statements: number }
  | { type: 'profiled'; file: string; error?: string }
  | { type: 'failed'; error: string };

interface PgModule {
  Client: { prototype: { query: (...args: unknown[]) => unknown } };
}

let statements = 0;
const wrapped = new WeakSet<object>();

/**
 * Counts every statement sent through this pg module's clients (pools use Client#query too).
 * Application-level tallies (the app's `extensions.sqlStatements`) are left in place; this is
 * the same method for the three servers.
 */
export function countStatements(pg: PgModule): void {
  const prototype = pg.Client.prototype;
  if (wrapped.has(prototype)) return;
  wrapped.add(prototype);
  const original = prototype.query;
  prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
}

/**
 * V8's CPU profiler (the one `node --cpu-prof` uses) through the inspector, started and stopped
 * on request so that the profile covers the measured load only, not start-up.
 */
let session: Session | undefined;

function startProfile(): void {
  session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
}

function stopProfile(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!session) return reject(new Error('no profile running'));
    session.post('Profiler.stop', (error, result) => {
      session?.disconnect();
      session = undefined;
      if (error) return reject(error);
      fs.writeFileSync(file, JSON.stringify(result.profile));
      resolve();
    });
  });
}

/** Wires the IPC channel: `stop` runs `stop()` then exits 0; `stats` answers the statement count. */
export function serve(start: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  const send = (message: FromChild) => process.send?.(message);
  start()
    .then(({ url, stop }) => {
      process.on('message', (message: ToChild) => {
        if (message.type === 'stats') send({ type: 'stats', statements });
        else if (message.type === 'profile-start') startProfile();
        else if (message.type === 'profile-stop') {
          stopProfile(message.file).then(
            () => send({ type: 'profiled', file: message.file }),
            (error: unknown) => send({ type: 'profiled', file: message.file, error: String(error) }),
          );
        } else if (message.type === 'stop') {
          const timer = setTimeout(() => process.exit(0), 5000);
          timer.unref();
          stop()
            .catch((error) => console.error(`stop failed: ${String(error)}`))
            .finally(() => process.exit(0));
        }
      });
      process.on('disconnect', () => process.exit(0));
      send({ type: 'ready', url });
    })
    .catch((error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(text);
      send({ type: 'failed', error: text });
      setTimeout(() => process.exit(1), 100);
    });
}

/** Environment variable or a clear failure. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this process is started by bench/api/main.ts)`);
  return value;
}
