import { Worker } from 'node:worker_threads';

/** One thread of the pool, as a task sees it while it runs there. */
export interface PooledThread {
  readonly id: number;
  /** Keys of what this thread keeps between tasks (the bars it was sent), kept by the tasks. */
  readonly holds: Set<string>;
  post(message: unknown): void;
}

/** Work for one thread: it posts its request, then reads the thread's answers until it is over. */
export interface PoolTask {
  /** A thread this task would rather run on (one that already holds its bars). */
  prefers(thread: PooledThread): boolean;
  begin(thread: PooledThread): void;
  /** An answer from the thread; true when the task is over and the thread free again. */
  receive(message: unknown): boolean;
  /** The task will never run or finish: the thread died, or the pool was closed. */
  fail(error: Error): void;
}

interface Slot extends PooledThread {
  readonly worker: Worker;
  task: PoolTask | null;
}

/**
 * A fixed number of worker threads running queued tasks, one task per thread at a time. Threads start
 * when there is work and stay for the next task; a thread that dies fails its task and is replaced by
 * the next one needed. Busy threads keep the process alive, idle ones do not.
 */
export class WorkerThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PoolTask[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: URL,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`a pool needs at least one thread, not ${size}`);
  }

  /**
   * Queues a task; the function returned takes it back if it has not started (true when it had not).
   * `first` puts it ahead of what waits: a request's quick check of its bars need not wait for every
   * chunk of a running optimization.
   */
  submit(task: PoolTask, options: { first?: boolean } = {}): () => boolean {
    if (this.closed) {
      task.fail(new Error('the simulation threads are stopped'));
      return () => false;
    }
    if (options.first) this.queue.unshift(task);
    else this.queue.push(task);
    this.dispatch();
    return () => {
      const at = this.queue.indexOf(task);
      if (at >= 0) this.queue.splice(at, 1);
      return at >= 0;
    };
  }

  /** A message for every thread that matches, busy or not (it is read after the current task). */
  broadcast(message: unknown, to: (thread: PooledThread) => boolean): void {
    for (const slot of this.slots) if (to(slot)) slot.post(message);
  }

  /** Fails what is queued and running, and ends every thread at once. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the simulation threads are stopped');
    for (const task of this.queue.splice(0)) task.fail(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.task?.fail(stopped);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.filter((s) => s.task === null);
      if (idle.length === 0 && this.slots.length < this.size) idle.push(this.spawn());
      if (idle.length === 0) return;
      const task = this.queue.shift()!;
      const slot = idle.find((s) => task.prefers(s)) ?? idle[0]!;
      slot.task = task;
      slot.worker.ref();
      task.begin(slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    const slot: Slot = {
      id: this.nextId++,
      worker,
      holds: new Set(),
      task: null,
      post: (message) => worker.postMessage(message),
    };
    worker.unref();
    worker.on('message', (message: unknown) => {
      if (!slot.task?.receive(message)) return;
      slot.task = null;
      worker.unref();
      this.dispatch();
    });
    worker.on('error', (error) => this.lost(slot, error));
    worker.on('exit', (code) => this.lost(slot, new Error(`a simulation thread ended (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private lost(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    slot.task?.fail(error);
    slot.task = null;
    if (!this.closed) this.dispatch();
  }
}
