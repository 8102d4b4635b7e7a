import { Module, type DynamicModule } from '@nestjs/common';
import { Metrics } from './metrics.js';

/**
 * One `Metrics` (and so one Prometheus registry) per application, injectable everywhere.
 *
 * @example
 * imports: [LoggingModule.forRoot(logger), MetricsModule.forRoot()]
 */
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: Metrics, useValue: new Metrics() }],
      exports: [Metrics],
    };
  }
}
