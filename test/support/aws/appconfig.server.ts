import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';
import { AppConfigDataClient, type AppConfigDataClientConfig } from '@aws-sdk/client-appconfigdata';

/** Which configuration: an AppConfig application, environment and configuration profile. */
export interface ConfigurationTarget {
  readonly application: string;
  readonly environment: string;
  readonly profile: string;
}

/** One request the server received, and how it answered. */
export interface RecordedCall {
  readonly operation:
    'StartConfigurationSession' | 'GetLatestConfiguration' | 'AgentGetConfiguration';
  /** StartConfigurationSession: the JSON body; agent: the path's identifiers. */
  readonly request: Readonly<Record<string, unknown>>;
  /** GetLatestConfiguration: the token it presented. */
  readonly token?: string;
  /** The session the token belongs to (StartConfigurationSession: the new one). */
  readonly session?: string;
  /** InitialConfigurationToken or Next-Poll-Configuration-Token answered. */
  readonly nextToken?: string;
  /** GetLatestConfiguration and agent: the version label served; absent for an empty body. */
  readonly served?: string;
  /** The error type answered, e.g. `ThrottlingException`; absent on success. */
  readonly error?: string;
}

interface Published {
  readonly version: number;
  readonly content: string;
  readonly contentType: string;
}

interface Session {
  readonly id: string;
  readonly target: ConfigurationTarget;
  readonly minimumPollSeconds: number | undefined;
  /** The version this session last received; the same version is answered with an empty body. */
  lastVersion: number | undefined;
}

interface TokenState {
  readonly session: Session;
  used: boolean;
  expired: boolean;
}

interface PlannedFailure {
  remaining: number;
  readonly operation: RecordedCall['operation'];
  readonly type: string;
  readonly status: number;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly record: Partial<Omit<RecordedCall, 'operation'>>;
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const SESSIONS_PATH = '/configurationsessions';
const CONFIGURATION_PATH = '/configuration';
const AGENT_PATH = /^\/applications\/([^/]+)\/environments\/([^/]+)\/configurations\/([^/?]+)$/;
/** AppConfig's default NextPollIntervalInSeconds when the session asked for no minimum. */
const DEFAULT_POLL_SECONDS = 60;

/**
 * A loopback AWS AppConfigData endpoint speaking the REST-JSON protocol the SDK uses:
 * `POST /configurationsessions` → 201 `{"InitialConfigurationToken"}`;
 * `GET /configuration?configuration_token=…` → 200 with the configuration as the body (empty
 * when the session already has this version) and the headers `Next-Poll-Configuration-Token`,
 * `Next-Poll-Interval-In-Seconds`, `Content-Type`, `Version-Label`; errors carry
 * `x-amzn-errortype` and `{"Message"}`, with AppConfigData's status codes (400 BadRequest,
 * 404 ResourceNotFound, 429 Throttling, 500 InternalServer). Each token is good for one call.
 *
 * The same server also answers as the AppConfig agent sidecar:
 * `GET /applications/<app>/environments/<env>/configurations/<profile>` → the current content.
 *
 * @example
 * const server = new AppConfigServer();
 * await server.start();
 * server.publish(target, { 'route-payments': { enabled: true, mode: 'local', percent: 0 } });
 * const client = server.client();
 * server.throttleNext(2);
 * server.expireTokens();
 */
export class AppConfigServer extends LoopbackServer {
  /**
   * Overrides Next-Poll-Interval-In-Seconds (AWS answers the session's minimum, at least 15 s,
   * or 60 s). Tests set 0 so they can poll every few milliseconds.
   */
  nextPollIntervalSeconds: number | undefined;
  private readonly recorded: RecordedCall[] = [];
  private readonly configurations = new Map<string, Published>();
  private readonly tokens = new Map<string, TokenState>();
  private readonly failures: PlannedFailure[] = [];

  /** The base URL, also the agent's (`SEAM_APPCONFIG_AGENT_URL`). */
  get url(): string {
    if (!this.endpoint) throw new Error('AppConfigServer is not started');
    return this.endpoint;
  }

  /** A real SDK client pointed at this server; `destroy()` it when done. */
  client(config: Partial<AppConfigDataClientConfig> = {}): AppConfigDataClient {
    return new AppConfigDataClient({
      endpoint: this.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      ...config,
    });
  }

  /**
   * Deploys a new version of the target's configuration (a string as is, anything else as
   * JSON); sessions get it on their next poll. Returns its version number.
   */
  publish(target: ConfigurationTarget, content: unknown, contentType = 'application/json'): number {
    const key = keyOf(target);
    const version = (this.configurations.get(key)?.version ?? 0) + 1;
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    this.configurations.set(key, { version, content: text, contentType });
    return version;
  }

  /** Calls received so far, oldest first; optionally one operation's or one session's. */
  calls(filter: { operation?: RecordedCall['operation']; session?: string } = {}): RecordedCall[] {
    return this.recorded.filter(
      (call) =>
        (filter.operation === undefined || call.operation === filter.operation) &&
        (filter.session === undefined || call.session === filter.session),
    );
  }

  /** The next `count` calls of `operation` answer 429 ThrottlingException. */
  throttleNext(
    count: number,
    operation: RecordedCall['operation'] = 'GetLatestConfiguration',
  ): void {
    this.failNext(count, { operation, type: 'ThrottlingException', status: 429 });
  }

  /** The next `count` calls of `operation` fail, by default with 500 InternalServerException. */
  failNext(
    count: number,
    options: { operation?: RecordedCall['operation']; type?: string; status?: number } = {},
  ): void {
    this.failures.push({
      remaining: count,
      operation: options.operation ?? 'GetLatestConfiguration',
      type: options.type ?? 'InternalServerException',
      status: options.status ?? 500,
    });
  }

  /** Every token handed out so far answers BadRequestException (Expired), as after 24 hours. */
  expireTokens(): void {
    for (const state of this.tokens.values()) state.expired = true;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const agent = AGENT_PATH.exec(url.pathname);
    if (request.method === 'POST' && url.pathname === SESSIONS_PATH) {
      let body: Record<string, unknown> | undefined;
      try {
        body = parseBody(text);
      } catch {
        body = undefined;
      }
      this.answer('StartConfigurationSession', response, { request: body ?? {} }, () =>
        this.startSession(parseBody(text)),
      );
    } else if (request.method === 'GET' && url.pathname === CONFIGURATION_PATH) {
      const token = url.searchParams.get('configuration_token') ?? undefined;
      const session = token ? this.tokens.get(token)?.session.id : undefined;
      this.answer('GetLatestConfiguration', response, { request: {}, token, session }, () =>
        this.latest(token),
      );
    } else if (request.method === 'GET' && agent) {
      const [application, environment, profile] = agent.slice(1).map(decodeURIComponent) as [
        string,
        string,
        string,
      ];
      const target = { application, environment, profile };
      this.answer('AgentGetConfiguration', response, { request: { ...target } }, () =>
        this.agentConfiguration(target),
      );
    } else {
      this.reply(
        response,
        404,
        { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
        JSON.stringify({ Message: `No route ${request.method} ${url.pathname}` }),
      );
    }
  }

  /** Runs `perform` unless a failure is planned; records the call either way. */
  private answer(
    operation: RecordedCall['operation'],
    response: ServerResponse,
    base: Omit<RecordedCall, 'operation'>,
    perform: () => Answer,
  ): void {
    try {
      this.takePlannedFailure(operation);
      const result = perform();
      this.recorded.push({ operation, ...base, ...result.record });
      this.reply(response, result.status, result.headers, result.body);
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError('InternalServerException', 500, (error as Error).message);
      this.recorded.push({ operation, ...base, error: failure.type });
      this.reply(
        response,
        failure.status,
        { 'content-type': 'application/json', 'x-amzn-errortype': failure.type },
        JSON.stringify({ Message: failure.message, ...failure.extra }),
      );
    }
  }

  private startSession(body: Record<string, unknown>): Answer {
    const target = {
      application: requiredIdentifier(body, 'ApplicationIdentifier'),
      environment: requiredIdentifier(body, 'EnvironmentIdentifier'),
      profile: requiredIdentifier(body, 'ConfigurationProfileIdentifier'),
    };
    const minimum = body.RequiredMinimumPollIntervalInSeconds;
    if (
      minimum !== undefined &&
      (typeof minimum !== 'number' ||
        !Number.isInteger(minimum) ||
        minimum < 15 ||
        minimum > 86_400)
    )
      throw invalidParameter(
        'RequiredMinimumPollIntervalInSeconds',
        'must be between 15 and 86400',
      );
    if (!this.configurations.has(keyOf(target)))
      throw new ServiceError('ResourceNotFoundException', 404, 'Requested resource not found', {
        ResourceType: 'Configuration',
        ReferencedBy: { ...target },
      });
    const session: Session = {
      id: randomUUID(),
      target,
      minimumPollSeconds: minimum as number | undefined,
      lastVersion: undefined,
    };
    const token = this.issueToken(session);
    return {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ InitialConfigurationToken: token }),
      record: { session: session.id, nextToken: token },
    };
  }

  private latest(token: string | undefined): Answer {
    if (!token) throw invalidParameter('ConfigurationToken', 'is required', 'Corrupted');
    const state = this.tokens.get(token);
    if (!state) throw invalidParameter('ConfigurationToken', 'is not valid', 'Corrupted');
    if (state.expired) throw invalidParameter('ConfigurationToken', 'has expired', 'Expired');
    if (state.used)
      throw invalidParameter(
        'ConfigurationToken',
        'was used already; send the next one',
        'Corrupted',
      );
    state.used = true;
    const session = state.session;
    const published = this.configurations.get(keyOf(session.target))!;
    const nextToken = this.issueToken(session);
    const interval =
      this.nextPollIntervalSeconds ?? session.minimumPollSeconds ?? DEFAULT_POLL_SECONDS;
    const headers: Record<string, string> = {
      'next-poll-configuration-token': nextToken,
      'next-poll-interval-in-seconds': String(interval),
    };
    if (session.lastVersion === published.version) {
      return { status: 200, headers, body: '', record: { nextToken } };
    }
    session.lastVersion = published.version;
    return {
      status: 200,
      headers: {
        ...headers,
        'content-type': published.contentType,
        'version-label': String(published.version),
      },
      body: published.content,
      record: { nextToken, served: String(published.version) },
    };
  }

  private agentConfiguration(target: ConfigurationTarget): Answer {
    const published = this.configurations.get(keyOf(target));
    if (!published)
      throw new ServiceError('ResourceNotFoundException', 404, 'Configuration not found');
    return {
      status: 200,
      headers: { 'content-type': published.contentType },
      body: published.content,
      record: { served: String(published.version) },
    };
  }

  private issueToken(session: Session): string {
    const token = randomUUID();
    this.tokens.set(token, { session, used: false, expired: false });
    return token;
  }

  private takePlannedFailure(operation: RecordedCall['operation']): void {
    const planned = this.failures.find(
      (failure) => failure.remaining > 0 && failure.operation === operation,
    );
    if (!planned) return;
    planned.remaining -= 1;
    throw new ServiceError(
      planned.type,
      planned.status,
      `Planned ${planned.type} for ${operation}`,
    );
  }

  private reply(
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): void {
    response.writeHead(status, {
      ...headers,
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(body);
  }
}

function keyOf(target: ConfigurationTarget): string {
  return `${target.application}/${target.environment}/${target.profile}`;
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const body = JSON.parse(text || '{}') as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ServiceError('BadRequestException', 400, 'Request body is not a JSON object');
}

function requiredIdentifier(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length < 1 || value.length > 128)
    throw invalidParameter(field, 'is required (1 to 128 characters)');
  return value;
}

/** AppConfigData's BadRequestException, with the InvalidParameters details the SDK parses. */
function invalidParameter(parameter: string, message: string, problem?: string): ServiceError {
  return new ServiceError('BadRequestException', 400, `${parameter} ${message}`, {
    Reason: 'InvalidParameters',
    Details: { InvalidParameters: { [parameter]: problem ? { Problem: problem } : {} } },
  });
}
