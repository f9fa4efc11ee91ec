/**
 * The fuzzer's worker thread: runs `check` on each input it is sent and answers with the
 * failure or null. The runner (./runner.ts) gives it a heap limit and terminates it
 * when an input takes past its time budget.
 */
import { parentPort } from 'node:worker_threads';
import type { FormatId } from '../src/core/index';
import { check, type Failure } from './check';

export interface Job {
  id: number;
  format: FormatId;
  name: string;
  bytes: Uint8Array;
}
export interface Answer {
  id: number;
  failure: Failure | null;
}

parentPort?.on('message', (job: Job) => {
  const answer: Answer = { id: job.id, failure: check(job.format, job.name, job.bytes) };
  parentPort?.postMessage(answer);
});
// loaded: the runner starts its clock from here, not from the thread's start
parentPort?.postMessage('ready');
