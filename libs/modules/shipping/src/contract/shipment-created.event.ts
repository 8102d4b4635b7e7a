import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ORDER_ID_PATTERN } from '#contracts/shared';

/** A parcel is on its way: published once per order, through the shipping outbox. */
export class ShipmentCreated {
  static readonly pattern = 'shipping.shipment-created';

  @Matches(ORDER_ID_PATTERN)
  readonly orderId!: string;

  @IsString()
  readonly trackingNumber!: string;

  @IsString()
  readonly carrier!: string;

  @IsISO8601()
  readonly createdAt!: string;

  /**
   * Whose order it is, when the shipment was booked with it (the order saga always does), so
   * subscribers need not ask ordering. Absent from events of shipments booked without it.
   */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly customerId?: string;

  static of(fields: Omit<ShipmentCreated, never>): ShipmentCreated {
    return Object.assign(new ShipmentCreated(), fields);
  }
}
