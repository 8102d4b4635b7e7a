import type { SFNClient } from '@aws-sdk/client-sfn';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/**
 * The process's Step Functions client, made on first use: a process whose workflows run locally
 * never loads the SDK for it. Region, credentials and endpoint come from the SDK's own chain
 * (AWS_REGION, AWS_ENDPOINT_URL_SFN, ...).
 *
 * @example
 * const sfn = await stepFunctions.client();
 */
@Injectable()
export class StepFunctionsClient implements OnApplicationShutdown {
  private made: Promise<SFNClient> | undefined;

  client(): Promise<SFNClient> {
    // A failure is not kept: the next caller tries again.
    return (this.made ??= import('@aws-sdk/client-sfn')
      .then(({ SFNClient }) => new SFNClient({}))
      .catch((error: unknown) => {
        this.made = undefined;
        throw error;
      }));
  }

  async onApplicationShutdown(): Promise<void> {
    (await this.made?.catch(() => undefined))?.destroy();
  }
}
