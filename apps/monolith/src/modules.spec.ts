import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { MODULES, selectModules, SUBSCRIPTIONS } from './modules.js';
import { defineModule } from '#platform/runtime';
import { ProcessOptions } from './process-options.js';

describe('the module registry', () => {
  it('knows who subscribes to each event from the declarations, without loading module code', () => {
    // Ordering writes its own OrderView inline, so only notifications subscribes.
    expect(SUBSCRIPTIONS.subscribersOf('ordering.order-confirmed')).toEqual(['notifications']);
    expect(SUBSCRIPTIONS.subscribersOf('catalog.product-changed')).toEqual(['ordering']);
    expect(SUBSCRIPTIONS.subscribersOf('shipping.shipment-created')).toEqual(['notifications']);
    expect(SUBSCRIPTIONS.patternsOf('payments')).toEqual([]);
  });

  it('loads each module whose handlers match its declaration, and refuses one that does not', async () => {
    for (const declaration of MODULES) await expect(declaration.load()).resolves.toBeDefined();
    const [notifications] = selectModules(['notifications']);
    const undeclared = defineModule({ ...notifications!, subscribes: [] });
    await expect(undeclared.load()).rejects.toThrow(
      /"notifications" declares subscriptions that do not match its handlers: handled but not declared: ordering.order-confirmed, ordering.order-rejected, shipping.shipment-created/,
    );
  });

  it('selects the modules named in SEAM_MODULES and refuses unknown ones by key', () => {
    expect(selectModules(['payments']).map((entry) => entry.name)).toEqual(['payments']);
    expect(selectModules(undefined)).toHaveLength(MODULES.length);
    expect(() => selectModules(['payment'])).toThrow(
      /Invalid configuration SEAM_MODULES: expected a comma-separated list of modules from catalog, .*got "payment"/,
    );
  });

  it('names the process after what it hosts, and reads its role', () => {
    const service = ProcessOptions.fromEnv({
      SEAM_MODULES: 'payments, shipping',
      SEAM_ROLE: 'worker',
    });
    expect(service).toMatchObject({
      dedicated: true,
      role: 'worker',
      service: 'payments+shipping',
    });
    expect(ProcessOptions.fromEnv({})).toMatchObject({
      dedicated: false,
      role: 'all',
      service: 'monolith',
    });
    expect(() => ProcessOptions.fromEnv({ SEAM_ROLE: 'cron' })).toThrow(/SEAM_ROLE/);
  });
});
