import { Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { InProcessClient } from './in-process/in-process.client.js';

/**
 * Decides which transport carries a message to a module. Callers never choose: moving a
 * module out of the process changes the router, not the calling code.
 */
export abstract class ModuleRouter {
  abstract clientFor(module: string): ClientProxy;
}

/** Every module is hosted in this process: all messages take the in-process transport. */
@Injectable()
export class LocalModuleRouter extends ModuleRouter {
  constructor(private readonly inProcess: InProcessClient) {
    super();
  }

  clientFor(): ClientProxy {
    return this.inProcess;
  }
}
