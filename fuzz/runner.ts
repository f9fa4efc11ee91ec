/**
 * Runs inputs in a worker thread, one at a time, under a time and a heap budget. The
 * worker is reused for speed; when an input takes past the budget it is terminated (a
 * hang), when it runs out of heap it dies (oom); either way the next input gets a fresh one.
 */
import { Worker } from 'node:worker_threads';
import type { FormatId } from '../src/core/index';
import type { Failure } from './check';
import type { Answer, Job } from './worker';

export interface Budget {
  /** time one input may take, worker start-up excluded */
  ms: number;
  /** the worker's old-generation heap limit */
  memoryMb: number;
}

export class Runner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private next = 0;

  constructor(
    private readonly workerPath: string,
    private readonly budget: Budget,
  ) {}

  private start(): Promise<void> {
    const w = new Worker(this.workerPath, {
      // stack frames name src/ files, not the bundle
      execArgv: ['--enable-source-maps'],
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb },
    });
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    return this.ready;
  }

  /** the failure `bytes` causes, or null; `ms` overrides the time budget */
  async run(format: FormatId, name: string, bytes: Uint8Array, ms = this.budget.ms): Promise<Failure | null> {
    if (!this.worker) await this.start();
    else await this.ready;
    const w = this.worker as Worker;
    const job: Job = { id: this.next++, format, name, bytes };
    return new Promise((resolve) => {
      const done = (f: Failure | null, dead: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (dead) this.stop();
        resolve(f);
      };
      const onMessage = (a: Answer) => {
        if (a.id === job.id) done(a.failure, false);
      };
      const onError = (e: Error & { code?: string }) =>
        done(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'oom', level: 'runner', message: `past the ${this.budget.memoryMb} MB heap budget`, where: format }
            : { kind: 'crash', level: 'runner', message: `${e.name}: ${e.message}`, where: format },
          true,
        );
      const onExit = (code: number) => done({ kind: 'crash', level: 'runner', message: `worker exited with ${code}`, where: format }, true);
      const timer = setTimeout(() => done({ kind: 'hang', level: 'runner', message: `past ${ms} ms`, where: format }, true), ms);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(job);
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }
}
