/** The admin API as the console uses it (same origin; every route needs an admin token). */

/** A failed call, with the problem+json `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'seam-console-token';

/** The administrator's token, kept for this browser tab only. */
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Calls the API with the session's token; throws ApiError with the problem's detail. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const detail = (parsed as { detail?: string; title?: string } | undefined) ?? {};
    throw new ApiError(response.status, detail.detail ?? detail.title ?? response.statusText);
  }
  return parsed as T;
}

/** The token's subject, read from its payload (display only: the server verifies it). */
export function subjectOf(token: string): string {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    return String((payload as { sub?: unknown }).sub ?? '?');
  } catch {
    return '?';
  }
}

export interface ExecutionStep {
  readonly run: number;
  readonly seq: number;
  readonly state: string;
  readonly pattern: string | null;
  readonly status: string;
  readonly attempts: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly error: string | null;
  readonly cause: string | null;
  readonly input: unknown;
  readonly output: unknown;
}

export interface Execution {
  readonly id: string;
  readonly module: string;
  readonly workflow: string;
  readonly name: string;
  readonly engine: string;
  readonly status: string;
  readonly runs: number;
  readonly error: string | null;
  readonly cause: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly steps?: ExecutionStep[];
}

export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly Default?: string;
  readonly End?: boolean;
  readonly Choices?: readonly { readonly Next: string }[];
  readonly Catch?: readonly { readonly Next: string }[];
}

export interface Asl {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
}

export interface Span {
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly kind: string;
  readonly service: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly status: string;
}
