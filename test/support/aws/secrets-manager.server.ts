import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, PlannedFailures, ServiceError } from './loopback-server.js';
import {
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';

/** One request the server received, and the error it answered with (if any). */
export interface RecordedCall {
  /** e.g. `GetSecretValue` */
  readonly operation: string;
  /** The SecretId asked for (a name or an ARN). */
  readonly secretId?: string;
  /** The error type answered, e.g. `ResourceNotFoundException`; absent when the call succeeded. */
  readonly error?: string;
}

interface SecretVersion {
  readonly versionId: string;
  readonly secretString: string;
  readonly createdDate: number;
  stages: string[];
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versions: SecretVersion[];
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'secretsmanager.';
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/**
 * A loopback AWS Secrets Manager speaking the AWS JSON 1.1 protocol the SDK uses (`POST /`,
 * `X-Amz-Target: secretsmanager.<Operation>`, `Content-Type: application/x-amz-json-1.1`,
 * errors as HTTP 400 with `{"__type": "<Error>", "message": …}`). It answers GetSecretValue
 * (by name or ARN; AWSCURRENT, AWSPREVIOUS, a VersionStage or a VersionId) from values given
 * with `put`, which makes a new AWSCURRENT version as a rotation does, and records every call.
 *
 * @example
 * const server = new SecretsManagerServer();
 * await server.start();
 * server.put('seam/test/db/payments', { username: 'seam_payments', password: 'p1' });
 * const store = new SecretsManagerSecretStore(server.client());
 * expect(server.calls({ secretId: 'seam/test/db/payments' })).toHaveLength(1);
 */
export class SecretsManagerServer extends LoopbackServer {
  private readonly recorded: RecordedCall[] = [];
  private readonly secrets = new Map<string, StoredSecret>();
  private readonly failures = new PlannedFailures();

  /** A real SDK client pointed at this server; `destroy()` it when done. */
  client(config: Partial<SecretsManagerClientConfig> = {}): SecretsManagerClient {
    if (!this.endpoint) throw new Error('SecretsManagerServer is not started');
    return new SecretsManagerClient({
      endpoint: this.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      ...config,
    });
  }

  /**
   * Stores a new AWSCURRENT version of the secret (creating it if needed); the previous current
   * version becomes AWSPREVIOUS, as after a rotation. A string is stored as it is (to test
   * secrets that are not JSON). @returns the new version id.
   */
  put(name: string, value: Record<string, unknown> | string): string {
    const secret = this.secrets.get(name) ?? {
      name,
      arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${randomUUID().slice(0, 6)}`,
      versions: [],
    };
    this.secrets.set(name, secret);
    for (const version of secret.versions) {
      version.stages = version.stages.includes('AWSCURRENT')
        ? ['AWSPREVIOUS']
        : version.stages.filter((stage) => stage !== 'AWSPREVIOUS');
    }
    const versionId = randomUUID();
    secret.versions.push({
      versionId,
      secretString: typeof value === 'string' ? value : JSON.stringify(value),
      createdDate: Date.now() / 1000,
      stages: ['AWSCURRENT'],
    });
    return versionId;
  }

  /** Deletes the secret: GetSecretValue then answers ResourceNotFoundException. */
  remove(name: string): void {
    this.secrets.delete(name);
  }

  /** Calls received so far, oldest first, optionally only one operation's or one secret's. */
  calls(filter: { operation?: string; secretId?: string } = {}): RecordedCall[] {
    return this.recorded.filter(
      (call) =>
        (filter.operation === undefined || call.operation === filter.operation) &&
        (filter.secretId === undefined || call.secretId === filter.secretId),
    );
  }

  /**
   * The next `count` calls (of `operation`, if given) fail with `type` (default
   * ThrottlingException, which the SDK retries up to its `maxAttempts`).
   */
  failNext(count: number, options: { operation?: string; type?: string } = {}): void {
    this.failures.plan(count, options);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    let secretId: string | undefined;
    try {
      if (request.method !== 'POST' || request.url !== '/' || !operation) {
        throw new ServiceError('UnknownOperationException', `Unsupported request ${target}`);
      }
      if (!String(request.headers['content-type'] ?? '').startsWith(JSON_1_1)) {
        throw new ServiceError('SerializationException', `Content-Type must be ${JSON_1_1}`);
      }
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      secretId = typeof body.SecretId === 'string' ? body.SecretId : undefined;
      this.failures.take(operation);
      const result = this.perform(operation, body);
      this.recorded.push({ operation, secretId });
      this.reply(response, 200, result);
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError('InternalServiceError', (error as Error).message);
      this.recorded.push({ operation, secretId, error: failure.type });
      this.reply(response, 400, { __type: failure.type, message: failure.message });
    }
  }

  private perform(operation: string, body: Record<string, unknown>): Record<string, unknown> {
    if (operation !== 'GetSecretValue') {
      throw new ServiceError('UnknownOperationException', `Unsupported operation ${operation}`);
    }
    const secretId = body.SecretId;
    if (typeof secretId !== 'string' || secretId.length === 0 || secretId.length > 2048) {
      throw new ServiceError('InvalidParameterException', 'SecretId is required');
    }
    const secret = [...this.secrets.values()].find(
      (candidate) => candidate.name === secretId || candidate.arn === secretId,
    );
    if (!secret) {
      throw new ServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    }
    const versionId = typeof body.VersionId === 'string' ? body.VersionId : undefined;
    const stage = typeof body.VersionStage === 'string' ? body.VersionStage : 'AWSCURRENT';
    const version = secret.versions.find((candidate) =>
      versionId ? candidate.versionId === versionId : candidate.stages.includes(stage),
    );
    if (!version) {
      throw new ServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for staging label or version.",
      );
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      SecretString: version.secretString,
      VersionStages: version.stages,
      CreatedDate: version.createdDate,
    };
  }

  private reply(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': JSON_1_1,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(text);
  }
}
