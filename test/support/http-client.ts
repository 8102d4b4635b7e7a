export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  // Tests assert on JSON bodies of many shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/**
 * A JSON client for a test application's base URL. `token` (when given) is sent as the bearer
 * token unless a call passes its own `authorization` header (`authorization: ''` sends none).
 */
export function httpClient(baseUrl: () => string, token?: () => Promise<string>) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> => {
    const { authorization: explicit, ...rest } = headers;
    const authorization = explicit ?? (token ? `Bearer ${await token()}` : undefined);
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
        ...rest,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
}
