import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { Outbox } from '#platform/messaging';
import { rowsOf, sql } from '#platform/persistence';
import { ShipmentCreated } from '../contract/index.js';
import { CARRIERS, type NewShipment, type Shipment } from '../domain/shipment.js';
import { ShipmentStore } from '../domain/shipment-store.js';

@Injectable()
export class PostgresShipmentStore extends ShipmentStore {
  constructor(
    @InjectDataSource('shipping') private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {
    super();
  }

  async create(shipment: NewShipment): Promise<Shipment> {
    const createdAt = new Date();
    const event = ShipmentCreated.of({
      orderId: shipment.orderId,
      trackingNumber: shipment.trackingNumber,
      carrier: CARRIERS[shipment.quote.speed],
      createdAt: createdAt.toISOString(),
      ...(shipment.customerId !== undefined && { customerId: shipment.customerId }),
    });
    // The shipment and its event in one statement; a repeat (the order has one) writes neither.
    const [result] = await rowsOf<{ created: boolean }>(
      this.db,
      sql`WITH created AS (
            INSERT INTO shipping.shipments (order_id, status, tracking_number, carrier, zone, weight_grams,
                                            price_amount, currency, address, created_at, updated_at)
            VALUES (${shipment.orderId}, 'CREATED', ${shipment.trackingNumber}, ${event.carrier},
                    ${shipment.quote.zone}, ${shipment.weightGrams}, ${shipment.quote.price.amount},
                    ${shipment.quote.price.currency}, ${JSON.stringify(shipment.address)}::jsonb,
                    ${createdAt}::timestamptz, ${createdAt}::timestamptz)
            ON CONFLICT (order_id) DO NOTHING RETURNING order_id),
          event AS (${this.outbox.record(event, shipment.orderId, sql`EXISTS (SELECT 1 FROM created)`)})
          SELECT EXISTS (SELECT 1 FROM created) AS created`,
    );
    if (!result!.created) return (await this.find(shipment.orderId))!;
    return {
      orderId: shipment.orderId,
      status: 'CREATED',
      trackingNumber: shipment.trackingNumber,
      carrier: event.carrier,
      price: shipment.quote.price,
      createdAt,
    };
  }

  async cancel(orderId: string): Promise<Shipment | undefined> {
    await rowsOf(
      this.db,
      sql`UPDATE shipping.shipments SET status = 'CANCELLED', updated_at = now() WHERE order_id = ${orderId} AND status = 'CREATED'`,
    );
    return this.find(orderId);
  }

  async find(orderId: string): Promise<Shipment | undefined> {
    const [row] = await rowsOf<Omit<Shipment, 'price'> & { amount: string; currency: string }>(
      this.db,
      sql`SELECT order_id AS "orderId", status, tracking_number AS "trackingNumber", carrier,
                 price_amount AS amount, currency, created_at AS "createdAt"
            FROM shipping.shipments WHERE order_id = ${orderId}`,
    );
    if (!row) return undefined;
    const { amount, currency, ...shipment } = row;
    return { ...shipment, price: Money.of(Number(amount), currency) };
  }
}
