import { EnvReader } from '#platform/config';
import type { ModuleDeclaration } from '#platform/runtime';
import { selectModules } from './modules.js';

export const ROLES = ['all', 'web', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What this process is: the monolith (every module) or a module service (`SEAM_MODULES`), and
 * its role: `web` serves HTTP only, `worker` does the background work (queue consumers,
 * outbox relays, workflow runners), `all` (the default) does both.
 */
export class ProcessOptions {
  constructor(
    readonly modules: readonly ModuleDeclaration[],
    /** True when SEAM_MODULES names the modules: a dedicated module service. */
    readonly dedicated: boolean,
    readonly role: Role,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): ProcessOptions {
    const read = new EnvReader(env);
    const names = read
      .string('SEAM_MODULES')
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    return new ProcessOptions(
      selectModules(names),
      names !== undefined,
      read.oneOf('SEAM_ROLE', ROLES, { default: 'all' }),
    );
  }

  /** `monolith`, or the hosted modules' names joined with `+` (`payments`). */
  get service(): string {
    return this.dedicated ? this.modules.map((entry) => entry.name).join('+') : 'monolith';
  }
}
