import { InvalidTimeWindowError } from './ordering.errors.js';

/** A half-open interval of time, `[since, until)`. */
export interface TimeWindow {
  readonly since: Date;
  readonly until: Date;
}

/**
 * The window `[since, until)` from two ISO-8601 instants (validated as such at the boundary).
 * @throws InvalidTimeWindowError when `since` is not before `until`.
 */
export function timeWindow(since: string, until: string): TimeWindow {
  const window = { since: new Date(since), until: new Date(until) };
  if (!(window.since.getTime() < window.until.getTime()))
    throw new InvalidTimeWindowError(since, until);
  return window;
}
