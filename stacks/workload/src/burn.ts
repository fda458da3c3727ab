// CPU burn for /drill/burn: busy loops in worker threads, one per CPU, so a load test can
// push the instance's CPUUtilization (all vCPUs, not just the one the event loop runs on)
// over the Auto Scaling target, while the event loop stays free to answer /healthz: a
// burning instance must not look dead to the ALB.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated in each worker (no file to ship beside the bundle).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let sink = 0;
parentPort.on('message', ({ id, ms }) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 10000; i++) sink += Math.sqrt(i);
  }
  parentPort.postMessage({ id, burnedMs: ms, sink: sink > 0 ? 1 : 0 });
});
`;

export class BurnQueueFullError extends Error {
  constructor(limit: number) {
    super(`Too many CPU burns are waiting (limit ${limit}); try again later.`);
    this.name = 'BurnQueueFullError';
  }
}

interface Task {
  id: number;
  ms: number;
  resolve(ms: number): void;
  reject(error: Error): void;
}

export interface BurnPool {
  /** Spends `ms` milliseconds of wall-clock time busy on one CPU; resolves with ms. */
  burn(ms: number): Promise<number>;
  close(): Promise<void>;
}

export function createBurnPool(options: { queueMax: number; threads?: number }): BurnPool {
  const threads = options.threads ?? Math.max(1, os.availableParallelism());
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  const queue: Task[] = [];
  let started = 0;
  let nextId = 1;
  let closed = false;

  function spawnWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (message: { id: number; burnedMs: number }) => {
      const task = busy.get(worker);
      busy.delete(worker);
      if (task && task.id === message.id) task.resolve(message.burnedMs);
      dispatch(worker);
    });
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      started -= 1;
    });
    started += 1;
    return worker;
  }

  function dispatch(worker: Worker): void {
    const task = queue.shift();
    if (!task) {
      idle.push(worker);
      return;
    }
    busy.set(worker, task);
    worker.postMessage({ id: task.id, ms: task.ms });
  }

  return {
    burn(ms) {
      if (closed) return Promise.reject(new Error('The burn pool is closed.'));
      if (ms <= 0) return Promise.resolve(0);
      return new Promise<number>((resolve, reject) => {
        const task: Task = { id: nextId++, ms, resolve, reject };
        const worker = idle.pop() ?? (started < threads ? spawnWorker() : undefined);
        if (worker) {
          busy.set(worker, task);
          worker.postMessage({ id: task.id, ms: task.ms });
        } else if (queue.length >= options.queueMax) {
          reject(new BurnQueueFullError(options.queueMax));
        } else {
          queue.push(task);
        }
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('The API is shutting down.'));
      const workers = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
