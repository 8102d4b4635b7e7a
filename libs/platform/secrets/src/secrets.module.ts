import { Module, type DynamicModule } from '@nestjs/common';
import { SecretStore } from './secret-store.js';

/**
 * `forRoot(store)` once in the application: every module can inject `SecretStore` to read its
 * own secrets (`seam/<env>/<module>/…`).
 */
@Module({})
export class SecretsModule {
  static forRoot(store: SecretStore): DynamicModule {
    return {
      module: SecretsModule,
      global: true,
      providers: [{ provide: SecretStore, useValue: store }],
      exports: [SecretStore],
    };
  }
}
