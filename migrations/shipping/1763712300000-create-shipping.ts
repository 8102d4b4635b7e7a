import type { MigrationInterface, QueryRunner } from 'typeorm';

const EU = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];
const WORLD = ['CH', 'GB', 'NO', 'US', 'CA', 'AU', 'NZ', 'JP'];

/** Zones by destination country and a rate per weight bracket; countries not listed are not served. */
export class CreateShipping1763712300000 implements MigrationInterface {
  name = 'CreateShipping1763712300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE shipping.zones (country char(2) PRIMARY KEY, zone text NOT NULL)`);
    await db.query(`
      CREATE TABLE shipping.rates (
        zone             text    NOT NULL,
        currency         char(3) NOT NULL,
        max_weight_grams integer NOT NULL CHECK (max_weight_grams > 0),
        price_amount     bigint  NOT NULL CHECK (price_amount >= 0),
        PRIMARY KEY (zone, currency, max_weight_grams)
      )`);
    await db.query(`
      CREATE TABLE shipping.shipments (
        order_id        text        PRIMARY KEY,
        status          text        NOT NULL CHECK (status IN ('CREATED', 'CANCELLED')),
        tracking_number text        NOT NULL UNIQUE,
        carrier         text        NOT NULL,
        zone            text        NOT NULL,
        weight_grams    integer     NOT NULL CHECK (weight_grams > 0),
        price_amount    bigint      NOT NULL,
        currency        char(3)     NOT NULL,
        address         jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    const zones = [
      ['DE', 'DOMESTIC'],
      ...EU.map((c) => [c, 'EU']),
      ...WORLD.map((c) => [c, 'WORLD']),
    ];
    for (const [country, zone] of zones)
      await db.query(`INSERT INTO shipping.zones VALUES ($1, $2)`, [country, zone]);
    const rates: [string, number, number][] = [
      ['DOMESTIC', 2000, 490],
      ['DOMESTIC', 10000, 690],
      ['DOMESTIC', 31500, 1490],
      ['EU', 2000, 990],
      ['EU', 10000, 1690],
      ['EU', 31500, 3490],
      ['WORLD', 2000, 1990],
      ['WORLD', 10000, 3990],
      ['WORLD', 31500, 7990],
    ];
    for (const [zone, maxWeight, price] of rates) {
      await db.query(`INSERT INTO shipping.rates VALUES ($1, 'EUR', $2, $3)`, [
        zone,
        maxWeight,
        price,
      ]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shipping.shipments`);
    await db.query(`DROP TABLE shipping.rates`);
    await db.query(`DROP TABLE shipping.zones`);
  }
}
