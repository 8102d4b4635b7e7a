import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, projectRoot } from '#platform/config';

/** CPU units and memory (MiB) of a Fargate task, and how many run. */
export interface TaskSize {
  readonly cpu: number;
  readonly memory: number;
  /** Tasks at deploy time; autoscaling moves between `count` and `maxCount`. */
  readonly count: number;
  readonly maxCount: number;
}

/**
 * How one environment runs: which modules are their own service, how big each service is, and
 * the settings of the AWS pieces around them. One file per environment,
 * `terraform/topology/<env>.json`; the module registry (apps/monolith/src/modules.ts) says
 * which modules exist. Extracting a module is one entry under `services`.
 */
export interface Topology {
  readonly network: {
    readonly cidr: string;
    readonly availabilityZones: number;
  };
  readonly database: {
    readonly engineVersion: string;
    readonly minCapacity: number;
    readonly maxCapacity: number;
    readonly instances: number;
    readonly deletionProtection: boolean;
    readonly backupRetentionDays: number;
    /**
     * Aurora Serverless v2 auto-pause: with `minCapacity` 0 the cluster pauses after this many
     * idle seconds (300-86400). Not in production (HTTPS_REQUIRED environments).
     */
    readonly autoPauseSeconds?: number;
  };
  /**
   * `alb`: the web service behind an Application Load Balancer; `apigateway`: an API Gateway
   * HTTP API (JWT authorizer, throttling) in front of an internal ALB; `apprunner`: App Runner
   * serves web.
   */
  readonly frontDoor: {
    readonly kind: 'alb' | 'apigateway' | 'apprunner';
    /** API Gateway's steady-state requests per second and burst, on every route. */
    readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
    /**
     * ACM certificate for HTTPS on the ALB; without one the ALB listens on plain HTTP, which
     * only a non-production environment may do.
     */
    readonly certificateArn?: string;
  };
  readonly monolith: { readonly web: TaskSize; readonly worker: TaskSize };
  /** Modules that run as their own service, each with its size. */
  readonly services: Readonly<Record<string, TaskSize>>;
  readonly messaging: {
    readonly maxReceiveCount: number;
    readonly visibilityTimeoutSeconds: number;
    /** Queue depth per worker task that autoscaling aims for. */
    readonly backlogPerTask: number;
  };
  readonly flags: {
    readonly deploymentMinutes: number;
    readonly growthPercent: number;
    readonly bakeMinutes: number;
  };
  readonly observability: {
    readonly logRetentionDays: number;
    /** Subscribed to the alarms topic. */
    readonly alarmEmail?: string;
    /** Share of traces sent to X-Ray (decided where a trace starts), 0 to 1; default 1. */
    readonly traceSampleRatio: number;
    /** Alarm when a module queue's oldest message is older than this; default 300. */
    readonly queueAgeAlarmSeconds: number;
    /** Alarm when a module's oldest undelivered outbox event is older than this; default 60. */
    readonly outboxLagAlarmSeconds: number;
  };
  /**
   * The OIDC issuer whose access tokens the API accepts (`audience`: their `aud`, or Cognito's
   * `client_id`). The storefront signs in there as `storefrontClientId` (default: `audience`)
   * with `storefrontScope` (default `openid`). Absent: the stack creates a Cognito user pool
   * and its app client and uses them (constructs/customer-identity.ts).
   */
  readonly auth?: {
    readonly jwksUrl: string;
    readonly issuer: string;
    readonly audience: string;
    readonly storefrontClientId?: string;
    readonly storefrontScope?: string;
  };
  readonly mwaa: { readonly enabled: boolean };
  /**
   * The storefront SPA on S3 behind CloudFront, `/api/*` to the ALB. `apiOriginDomain`: a name
   * on the ALB's certificate that resolves to it (CloudFront checks the origin's certificate),
   * required when the ALB serves HTTPS.
   */
  readonly storefront: { readonly enabled: boolean; readonly apiOriginDomain?: string };
  /** CloudTrail, AWS Config and change notifications (one Config recorder per account and region). */
  readonly auditing: { readonly enabled: boolean };
}

/** Reads and checks `terraform/topology/<env>.json`; an error names the key and what it expects. */
export function loadTopology(environment: string, modules: readonly string[]): Topology {
  const file = join(projectRoot(), 'terraform', 'topology', `${environment}.json`);
  if (!existsSync(file))
    throw new ConfigError(
      'SEAM_ENV',
      `an environment with a topology file terraform/topology/<env>.json`,
      environment,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `terraform/topology/${environment}.json`,
      'valid JSON',
      (error as Error).message,
    );
  }
  return parseTopology(json, modules, `topology/${environment}.json`, environment);
}

/** Environments that must serve HTTPS: their ALB needs a certificate. */
export const HTTPS_REQUIRED = ['production', 'prod'];

export function parseTopology(
  json: unknown,
  modules: readonly string[],
  source = 'topology',
  environment?: string,
): Topology {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ConfigError(source, 'a JSON object', JSON.stringify(json));
  const root = new JsonReader(json, source);
  const services = root.object('services');
  for (const name of services.keys())
    if (!modules.includes(name))
      throw new ConfigError(
        `${source}: services.${name}`,
        `one of the registered modules (${modules.join(', ')})`,
        name,
      );
  const frontDoor = root.object('frontDoor');
  const kind = frontDoor.oneOf('kind', ['alb', 'apigateway', 'apprunner'] as const);
  const throttleJson = frontDoor.optionalObject('throttle');
  const throttle = {
    rateLimit: throttleJson?.integer('rateLimit', 1, 10_000) ?? 100,
    burstLimit: throttleJson?.integer('burstLimit', 1, 5_000) ?? 200,
  };
  const web = taskSize(root.object('monolith').object('web'));
  if (kind === 'apprunner' && !APP_RUNNER_MEMORY[web.cpu]?.includes(web.memory))
    throw new ConfigError(
      `${source}.monolith.web.memory`,
      `with App Runner, ${APP_RUNNER_MEMORY[web.cpu]?.join(' or ') ?? 'no memory'} for cpu ${web.cpu}`,
      String(web.memory),
    );
  const certificateArn = frontDoor.optionalString(
    'certificateArn',
    /^arn:aws[\w-]*:acm:[\w-]+:\d{12}:certificate\/[\w-]+$/,
    'an ACM certificate ARN',
  );
  if (kind === 'alb' && !certificateArn && HTTPS_REQUIRED.includes(environment ?? ''))
    throw new ConfigError(
      `${source}.frontDoor.certificateArn`,
      `an ACM certificate ARN: ${environment} serves HTTPS only`,
      undefined,
    );
  const minCapacity = root.object('database').number('minCapacity', 0, 256);
  const autoPauseSeconds = root.object('database').optionalInteger('autoPauseSeconds', 300, 86_400);
  if ((autoPauseSeconds !== undefined) !== (minCapacity === 0))
    throw new ConfigError(
      `${source}.database.autoPauseSeconds`,
      'set exactly when minCapacity is 0 (auto-pause)',
      String(autoPauseSeconds),
    );
  if (autoPauseSeconds !== undefined && HTTPS_REQUIRED.includes(environment ?? ''))
    throw new ConfigError(
      `${source}.database.autoPauseSeconds`,
      `nothing: ${environment} does not pause its database`,
      String(autoPauseSeconds),
    );
  const auth = root.optionalObject('auth');
  const storefront = root.optionalObject('storefront');
  const storefrontEnabled = storefront?.boolean('enabled') ?? false;
  const apiOriginDomain = storefront?.optionalString(
    'apiOriginDomain',
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
    'a DNS name on the ALB certificate',
  );
  if (storefrontEnabled && kind !== 'alb')
    throw new ConfigError(
      `${source}.storefront.enabled`,
      'false unless frontDoor.kind is alb',
      'true',
    );
  if (storefrontEnabled && certificateArn && !apiOriginDomain)
    throw new ConfigError(
      `${source}.storefront.apiOriginDomain`,
      'a DNS name on the ALB certificate (CloudFront reaches the ALB over HTTPS)',
      undefined,
    );
  return {
    network: {
      cidr: root
        .object('network')
        .string('cidr', /^10\.\d{1,3}\.0\.0\/16$/, 'a /16 such as 10.40.0.0/16'),
      availabilityZones: root.object('network').integer('availabilityZones', 2, 6),
    },
    database: {
      engineVersion: root
        .object('database')
        .string('engineVersion', /^\d+\.\d+$/, 'an Aurora PostgreSQL version such as 16.6'),
      minCapacity,
      maxCapacity: root.object('database').number('maxCapacity', Math.max(1, minCapacity), 256),
      instances: root.object('database').integer('instances', 1, 16),
      deletionProtection: root.object('database').boolean('deletionProtection'),
      backupRetentionDays: root.object('database').integer('backupRetentionDays', 1, 35),
      autoPauseSeconds,
    },
    frontDoor: {
      kind,
      certificateArn,
      throttle,
    },
    monolith: {
      web,
      worker: taskSize(root.object('monolith').object('worker')),
    },
    services: Object.fromEntries(
      services.keys().map((name) => [name, taskSize(services.object(name))]),
    ),
    messaging: {
      maxReceiveCount: root.object('messaging').integer('maxReceiveCount', 1, 1000),
      visibilityTimeoutSeconds: root
        .object('messaging')
        .integer('visibilityTimeoutSeconds', 2, 43_200),
      backlogPerTask: root.object('messaging').integer('backlogPerTask', 1, 100_000),
    },
    flags: {
      deploymentMinutes: root.object('flags').integer('deploymentMinutes', 0, 1440),
      growthPercent: root.object('flags').number('growthPercent', 1, 100),
      bakeMinutes: root.object('flags').integer('bakeMinutes', 0, 1440),
    },
    observability: {
      logRetentionDays: root.object('observability').oneOf('logRetentionDays', LOG_RETENTION_DAYS),
      alarmEmail: root
        .object('observability')
        .optionalString('alarmEmail', /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address'),
      traceSampleRatio: root.object('observability').optionalNumber('traceSampleRatio', 0, 1) ?? 1,
      queueAgeAlarmSeconds:
        root.object('observability').optionalInteger('queueAgeAlarmSeconds', 60, 86_400) ?? 300,
      outboxLagAlarmSeconds:
        root.object('observability').optionalInteger('outboxLagAlarmSeconds', 10, 86_400) ?? 60,
    },
    auth: auth && {
      jwksUrl: auth.string('jwksUrl', /^https:\/\//, 'an https URL'),
      issuer: auth.string('issuer', /^https:\/\/\S+$/, 'the token issuer, an https URL'),
      audience: auth.string('audience', /.+/, 'the token audience'),
      storefrontClientId: auth.optionalString(
        'storefrontClientId',
        /^[\w.:@/-]{1,256}$/,
        "the storefront's OIDC client id",
      ),
      storefrontScope: auth.optionalString(
        'storefrontScope',
        /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/,
        'space-separated OAuth scopes',
      ),
    },
    mwaa: { enabled: root.object('mwaa').boolean('enabled') },
    storefront: { enabled: storefrontEnabled, apiOriginDomain },
    auditing: { enabled: root.optionalObject('auditing')?.boolean('enabled') ?? false },
  };
}

/** Fargate's valid CPU/memory pairs for the sizes Seam uses. */
const FARGATE_MEMORY: Readonly<Record<number, readonly [number, number]>> = {
  256: [512, 2048],
  512: [1024, 4096],
  1024: [2048, 8192],
  2048: [4096, 16_384],
  4096: [8192, 30_720],
};

/** App Runner's own CPU/memory pairs, narrower than Fargate's. */
const APP_RUNNER_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024],
  512: [1024],
  1024: [2048, 3072, 4096],
  2048: [4096, 6144],
  4096: [8192, 10_240, 12_288],
};

const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653,
];

function taskSize(reader: JsonReader): TaskSize {
  const cpu = reader.oneOf('cpu', Object.keys(FARGATE_MEMORY).map(Number));
  const [low, high] = FARGATE_MEMORY[cpu]!;
  const count = reader.integer('count', 1, 100);
  return {
    cpu,
    memory: reader.integer('memory', low, high, (value) => value % 1024 === 0 || value === 512),
    count,
    maxCount: reader.integer('maxCount', count, 100),
  };
}

const anyNumber = (): boolean => true;

/** Walks a parsed JSON document; every error names the key path and the expected shape. */
class JsonReader {
  constructor(
    private readonly value: unknown,
    private readonly path: string,
  ) {}

  keys(): string[] {
    return Object.keys(this.record());
  }

  object(key: string): JsonReader {
    const value = this.record()[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw this.error(key, 'an object', value);
    return new JsonReader(value, `${this.path}.${key}`);
  }

  optionalObject(key: string): JsonReader | undefined {
    return this.record()[key] === undefined ? undefined : this.object(key);
  }

  optionalInteger(key: string, min: number, max: number): number | undefined {
    return this.record()[key] === undefined ? undefined : this.integer(key, min, max);
  }

  string(key: string, pattern: RegExp, expected: string): string {
    const value = this.record()[key];
    if (typeof value !== 'string' || !pattern.test(value)) throw this.error(key, expected, value);
    return value;
  }

  optionalNumber(key: string, min: number, max: number): number | undefined {
    return this.record()[key] === undefined ? undefined : this.number(key, min, max);
  }

  optionalString(key: string, pattern: RegExp, expected: string): string | undefined {
    return this.record()[key] === undefined ? undefined : this.string(key, pattern, expected);
  }

  number(key: string, min: number, max: number): number {
    const value = this.record()[key];
    if (typeof value !== 'number' || !(value >= min && value <= max))
      throw this.error(key, `a number from ${min} to ${max}`, value);
    return value;
  }

  integer(
    key: string,
    min: number,
    max: number,
    valid: (value: number) => boolean = anyNumber,
  ): number {
    const value = this.record()[key];
    if (
      !Number.isInteger(value) ||
      !((value as number) >= min && (value as number) <= max) ||
      !valid(value as number)
    )
      throw this.error(
        key,
        `a whole number from ${min} to ${max}${valid === anyNumber ? '' : ' that Fargate accepts'}`,
        value,
      );
    return value as number;
  }

  boolean(key: string): boolean {
    const value = this.record()[key];
    if (typeof value !== 'boolean') throw this.error(key, 'true or false', value);
    return value;
  }

  oneOf<T extends string | number>(key: string, allowed: readonly T[]): T {
    const value = this.record()[key] as T;
    if (!allowed.includes(value)) throw this.error(key, `one of ${allowed.join(', ')}`, value);
    return value;
  }

  private record(): Record<string, unknown> {
    return this.value as Record<string, unknown>;
  }

  private error(key: string, expected: string, value: unknown): ConfigError {
    const actual = value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
    return new ConfigError(`${this.path}.${key}`, expected, actual);
  }
}
