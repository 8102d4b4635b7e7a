import type { MoneyDto } from '#contracts/shared';

/** An order's state as ordering's events announced it. */
export type PayableOrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

/** What payments knows of an order: its status, and its total once OrderPlaced has arrived. */
export interface PayableOrder {
  readonly orderId: string;
  readonly status: PayableOrderStatus;
  /** Absent while only a later event (confirmed, rejected, cancelled) has arrived. */
  readonly total?: MoneyDto;
}

/**
 * Port: payments' copy of what it checks before authorising (a read model kept from ordering's
 * public events). Events may arrive late, twice or out of order: an order's total never changes
 * once placed, and a final status is never replaced, so every write is safe to repeat.
 */
export abstract class PayableOrderStore {
  /** The copy held for the order, if any event of it has arrived. */
  abstract find(orderId: string): Promise<PayableOrder | undefined>;
  /** Records the total of a placed order (PENDING unless a final status arrived first). */
  abstract placed(orderId: string, total: MoneyDto): Promise<void>;
  /** Records a final status (CONFIRMED, REJECTED or CANCELLED), with the total when known. */
  abstract settled(
    orderId: string,
    status: Exclude<PayableOrderStatus, 'PENDING'>,
    total?: MoneyDto,
  ): Promise<void>;
}
