/**
 * Deadlines of the in-process calls in flight, with one timer per distinct timeout instead of
 * one per call. Calls with the same timeout expire in the order they started, so each timeout
 * keeps its calls in a queue, oldest first, with one timer armed for the oldest; a call that
 * settles leaves the queue at once. A call that never settles still fails at its deadline.
 *
 * @example
 * const reply = await deadlines.within(work, 5000, () => ModuleError.timeout(pattern, 5000));
 */
export class CallDeadlines {
  private readonly queues = new Map<number, DeadlineQueue>();

  /** Settles as `work` does, or rejects with `onTimeout()` once `timeoutMs` have passed. */
  within<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    if (!(timeoutMs >= 0))
      throw new RangeError(`A call timeout must be 0 ms or more: ${timeoutMs}`);
    let queue = this.queues.get(timeoutMs);
    if (!queue) {
      queue = new DeadlineQueue(timeoutMs, () => this.queues.delete(timeoutMs));
      this.queues.set(timeoutMs, queue);
    }
    const calls = queue;
    return new Promise<T>((resolve, reject) => {
      const call = calls.add(() => reject(onTimeout()));
      work.then(
        (value) => {
          calls.remove(call);
          resolve(value);
        },
        (error: unknown) => {
          calls.remove(call);
          reject(error);
        },
      );
    });
  }
}

const MAX_DELAY_MS = 2_147_483_647;

interface PendingCall {
  readonly deadline: number;
  readonly expire: () => void;
  previous: PendingCall | undefined;
  next: PendingCall | undefined;
  queued: boolean;
}

/** The calls in flight with one timeout, oldest first (a doubly linked list), and their timer. */
class DeadlineQueue {
  private oldest: PendingCall | undefined;
  private newest: PendingCall | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    /** Called when the queue is empty at a timer's turn: it can be dropped. */
    private readonly onIdle: () => void,
  ) {}

  add(expire: () => void): PendingCall {
    const call: PendingCall = {
      deadline: performance.now() + this.timeoutMs,
      expire,
      previous: this.newest,
      next: undefined,
      queued: true,
    };
    if (this.newest) this.newest.next = call;
    else this.oldest = call;
    this.newest = call;
    // The timer keeps the process alive only while a call waits (like a timer per call would).
    if (this.timer) this.timer.ref();
    else this.arm(this.timeoutMs);
    return call;
  }

  remove(call: PendingCall): void {
    if (!call.queued) return;
    call.queued = false;
    if (call.previous) call.previous.next = call.next;
    else this.oldest = call.next;
    if (call.next) call.next.previous = call.previous;
    else this.newest = call.previous;
    if (!this.oldest) this.timer?.unref();
  }

  private readonly expireDue = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (this.oldest && this.oldest.deadline <= now) {
      const call = this.oldest;
      this.remove(call);
      call.expire();
    }
    if (this.oldest) this.arm(this.oldest.deadline - now);
    else this.onIdle();
  };

  private arm(delayMs: number): void {
    // setTimeout fires at once on delays past 2^31 - 1 ms; a longer deadline is re-armed.
    this.timer = setTimeout(
      this.expireDue,
      Math.min(MAX_DELAY_MS, Math.max(1, Math.ceil(delayMs))),
    );
  }
}
