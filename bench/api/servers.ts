/**
 * The servers under test as child processes (node's fork with an IPC channel): start, ask for
 * their SQL statement count, read their memory from /proc, stop cleanly.
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FromChild, ToChild } from './child';

export interface ChildOptions {
  /** Compiled script next to this file, e.g. "app-server.js". */
  script: string;
  env: Record<string, string>;
  logFile: string;
  execArgv?: string[];
  startTimeoutMs?: number;
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export class ServerProcess {
  private waiting: ((statements: number) => void)[] = [];
  private profiled?: (message: { file: string; error?: string }) => void;
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
  ) {
    child.on('message', (message: FromChild) => {
      if (message.type === 'stats') this.waiting.shift()?.(message.statements);
      else if (message.type === 'profiled') this.profiled?.(message);
    });
    child.on('exit', () => (this.exited = true));
  }

  static start(options: ChildOptions): Promise<ServerProcess> {
    const log = fs.openSync(options.logFile, 'a');
    const child = fork(path.join(__dirname, options.script), [], {
      env: { ...process.env, ...options.env },
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${options.script} did not start within ${options.startTimeoutMs ?? 120_000} ms (log: ${options.logFile})`));
      }, options.startTimeoutMs ?? 120_000);
      const onMessage = (message: FromChild) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(new ServerProcess(child, message.url, options.logFile));
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${options.script} failed to start: ${message.error}`));
        }
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${options.script} exited with ${code} before it was ready; its log:\n${tail(options.logFile)}`));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** SQL statements the child's pg clients have sent since it started. */
  statements(): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error('the server process has exited'));
      this.waiting.push(resolve);
      this.child.send({ type: 'stats' } satisfies ToChild);
    });
  }

  /** Starts V8's CPU profiler in the child (sampling every 0.5 ms). */
  startProfile(): void {
    this.child.send({ type: 'profile-start' } satisfies ToChild);
  }

  /** Stops the profiler; the child writes the .cpuprofile to `file`. */
  stopProfile(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.profiled = (message) => (message.error ? reject(new Error(message.error)) : resolve());
      this.child.send({ type: 'profile-stop', file } satisfies ToChild);
    });
  }

  /** VmRSS and VmHWM (peak) of the child from /proc. */
  memory(): Memory {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  }

  /** Asks the child to stop (it exits 0, writing its CPU profile if it has one); kills it after 15 s. */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ type: 'stop' } satisfies ToChild);
    });
  }
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
