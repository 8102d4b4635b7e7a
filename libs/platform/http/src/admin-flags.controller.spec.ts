import { afterEach, describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { FlagsOptions, type FeatureFlags } from '#platform/flags';
import { AdminAudit } from '#platform/persistence';
import { AdminFlagsController } from './admin-flags.controller.js';

describe('AdminFlagsController', () => {
  const flags = {
    snapshot: () => ({ 'route-payments': { enabled: true, mode: 'local', percent: 0 } }),
    routedModules: () => ['payments'],
  };
  const file = FlagsOptions.defaults().file;
  const controller = (options: FlagsOptions) =>
    new AdminFlagsController(flags as unknown as FeatureFlags, options, new AdminAudit());
  const flip = (target: AdminFlagsController) =>
    target.set(
      { flag: 'route-payments' },
      { mode: 'remote' },
      { subject: 'ops', roles: ['admin'] },
    );
  const environment = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = environment;
  });

  it('refuses to flip a flag that comes from AppConfig, and says where to change it', async () => {
    const appConfig = controller(
      new FlagsOptions('appconfig', file, 30_000, {
        application: 'seam',
        environment: 'prod',
        profile: 'flags',
      }),
    );
    expect(appConfig.values()).toMatchObject({ source: 'appconfig', editable: false });
    await expect(flip(appConfig)).rejects.toThrow(ConflictException);
    await expect(flip(appConfig)).rejects.toThrow(/AppConfig deployment/);
  });

  it('refuses to flip a flag in production even from a file', async () => {
    process.env.NODE_ENV = 'production';
    const production = controller(new FlagsOptions('file', file));
    expect(production.values()).toMatchObject({
      editable: false,
      reason: expect.stringContaining('production'),
    });
    await expect(flip(production)).rejects.toThrow(/production process/);
  });

  it('refuses a module whose audit log is not in this process, before touching the document', async () => {
    await expect(flip(controller(new FlagsOptions('file', file)))).rejects.toThrow(
      /not hosted by this process/,
    );
  });
});
