import { describe, expect, it } from '@jest/globals';
import { InvalidTimeWindowError } from './ordering.errors.js';
import { timeWindow } from './time-window.js';

describe('timeWindow', () => {
  it('reads [since, until) from ISO-8601 instants, offsets included', () => {
    expect(timeWindow('2026-05-01T00:00:00Z', '2026-05-02T02:00:00+02:00')).toEqual({
      since: new Date('2026-05-01T00:00:00.000Z'),
      until: new Date('2026-05-02T00:00:00.000Z'),
    });
  });

  it('refuses a window whose start is not before its end, naming both', () => {
    for (const [since, until] of [
      ['2026-05-02T00:00:00Z', '2026-05-01T00:00:00Z'],
      ['2026-05-01T00:00:00Z', '2026-05-01T02:00:00+02:00'], // the same instant
    ] as const) {
      const refused = () => timeWindow(since, until);
      expect(refused).toThrow(InvalidTimeWindowError);
      expect(refused).toThrow(`[${since}, ${until})`);
    }
  });
});
