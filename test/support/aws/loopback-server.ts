import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on 127.0.0.1 and a free port that speaks one AWS API to the real SDK client
 * (subclasses implement `handle`). Nothing here ever leaves the machine.
 */
export abstract class LoopbackServer {
  private server: Server | undefined;
  /** `http://127.0.0.1:<port>` while started. */
  protected endpoint: string | undefined;

  async start(): Promise<{ endpoint: string }> {
    if (this.endpoint) return { endpoint: this.endpoint };
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { endpoint: this.endpoint };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.endpoint = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** An AWS error answer: `type` becomes the JSON `__type` the SDK turns into the error's name. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Errors a test asks the server to answer with, for the next calls (of one operation, or any). */
export class PlannedFailures {
  private readonly planned: { remaining: number; type: string; operation?: string }[] = [];

  plan(count: number, options: { operation?: string; type?: string } = {}): void {
    this.planned.push({
      remaining: count,
      type: options.type ?? 'ThrottlingException',
      operation: options.operation,
    });
  }

  /** Throws the planned ServiceError for this call, if any. */
  take(operation: string): void {
    const failure = this.planned.find(
      (candidate) => candidate.remaining > 0 && (candidate.operation ?? operation) === operation,
    );
    if (!failure) return;
    failure.remaining -= 1;
    throw new ServiceError(failure.type, `Planned ${failure.type} for ${operation}`);
  }
}
