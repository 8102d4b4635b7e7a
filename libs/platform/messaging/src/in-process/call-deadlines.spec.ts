import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CallDeadlines } from './call-deadlines.js';

const never = () => new Promise<never>(() => undefined);
const timedOut = (label: string) => () => new Error(`timed out: ${label}`);

/** Records how a promise settled, so a test can look without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { value?: T; error?: Error; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: Error) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

describe('CallDeadlines', () => {
  let deadlines: CallDeadlines;

  beforeEach(() => {
    jest.useFakeTimers();
    deadlines = new CallDeadlines();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('settles as the work does when it finishes in time', async () => {
    await expect(deadlines.within(Promise.resolve('reply'), 1000, timedOut('a'))).resolves.toBe(
      'reply',
    );
    await expect(
      deadlines.within(Promise.reject(new Error('refused')), 1000, timedOut('b')),
    ).rejects.toThrow('refused');
  });

  it('fails a call that never settles at its deadline, not before', async () => {
    const call = watch(deadlines.within(never(), 100, timedOut('hung')));
    await jest.advanceTimersByTimeAsync(99);
    expect(call.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(call.error?.message).toBe('timed out: hung');
  });

  it('keeps one timer for all calls with the same timeout, each failing at its own deadline', async () => {
    const first = watch(deadlines.within(never(), 100, timedOut('first')));
    await jest.advanceTimersByTimeAsync(40);
    const second = watch(deadlines.within(never(), 100, timedOut('second')));
    const quick = watch(deadlines.within(Promise.resolve('quick'), 100, timedOut('quick')));
    expect(jest.getTimerCount()).toBe(1);

    await jest.advanceTimersByTimeAsync(60);
    expect(first.error?.message).toBe('timed out: first');
    expect(second.settled).toBe(false);
    expect(quick.value).toBe('quick');

    await jest.advanceTimersByTimeAsync(40);
    expect(second.error?.message).toBe('timed out: second');
  });

  it('times calls with different timeouts independently', async () => {
    const long = watch(deadlines.within(never(), 300, timedOut('long')));
    const short = watch(deadlines.within(never(), 50, timedOut('short')));
    await jest.advanceTimersByTimeAsync(50);
    expect(short.error?.message).toBe('timed out: short');
    expect(long.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(250);
    expect(long.error?.message).toBe('timed out: long');
  });

  it('drops the timer once no call waits', async () => {
    await deadlines.within(Promise.resolve(1), 100, timedOut('x'));
    await jest.advanceTimersByTimeAsync(100);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses a negative or missing timeout', () => {
    expect(() => deadlines.within(never(), -1, timedOut('x'))).toThrow(RangeError);
    expect(() => deadlines.within(never(), Number.NaN, timedOut('x'))).toThrow(RangeError);
  });
});
