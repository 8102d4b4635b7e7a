import { IsISO8601, IsString, Matches } from 'class-validator';
import { ORDER_ID_PATTERN } from '#contracts/inventory';

/** A parcel is on its way: published once per order, through the shipping outbox. */
export class ShipmentCreated {
  static readonly pattern = 'shipping.shipment-created';

  @Matches(ORDER_ID_PATTERN)
  readonly orderId: string;

  @IsString()
  readonly trackingNumber: string;

  @IsString()
  readonly carrier: string;

  @IsISO8601()
  readonly createdAt: string;

  constructor(orderId: string, trackingNumber: string, carrier: string, createdAt: string) {
    this.orderId = orderId;
    this.trackingNumber = trackingNumber;
    this.carrier = carrier;
    this.createdAt = createdAt;
  }
}
