import { EnvReader } from '#platform/config';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ReleaseExpiredReservationsHandler } from './release-expired-reservations.handler.js';

export class ReservationExpiryOptions {
  constructor(readonly sweepIntervalMs = 10_000) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): ReservationExpiryOptions {
    return new ReservationExpiryOptions(
      new EnvReader(env).integer('SEAM_RESERVATION_SWEEP_INTERVAL_MS', {
        default: 10_000,
        min: 10,
        max: 3_600_000,
      }),
    );
  }
}

/**
 * Sweeps expired reservations every `sweepIntervalMs`, batch after batch until none are left.
 * Several instances may sweep at once: each reservation is released by a conditional statement,
 * so its stock changes once whoever gets there first.
 */
@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReservationExpiry');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly releaseExpiredReservations: ReleaseExpiredReservationsHandler,
    private readonly options: ReservationExpiryOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.options.sweepIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(): Promise<void> {
    try {
      while ((await this.releaseExpiredReservations.execute()).length > 0);
    } catch (error) {
      this.logger.error(
        { err: error },
        'Sweeping expired reservations failed; trying again next interval',
      );
    }
  }
}
