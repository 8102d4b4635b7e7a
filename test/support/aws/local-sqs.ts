import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';

/**
 * A real SQS server (local-aws-sqs) on a free loopback port, with an SDK client pointed at it.
 *
 * @example
 * const local = await LocalSqs.start();
 * await local.client.send(new CreateQueueCommand({ QueueName: 'q' }));
 * await local.stop();
 */
export class LocalSqs {
  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL_SQS. */
    readonly endpoint: string,
    readonly client: SQSClient,
  ) {}

  static async start(): Promise<LocalSqs> {
    const server = await createSqsServer({
      port: 0,
      hostname: '127.0.0.1',
      emulateQueueCreationLifecycle: false,
    });
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new SQSClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    return new LocalSqs(server, endpoint, client);
  }

  async stop(): Promise<void> {
    this.client.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
