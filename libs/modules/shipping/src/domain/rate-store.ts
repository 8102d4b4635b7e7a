import type { RateTable } from './rate-table.js';

/** Port: where the rate table is kept (only migrations change it). */
export abstract class RateStore {
  /** The rate table as it is now; may be a copy read a short while ago. */
  abstract current(): Promise<RateTable>;
}
