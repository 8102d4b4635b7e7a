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
