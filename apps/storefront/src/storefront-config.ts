/**
 * The page's runtime configuration, `/config.json`: served by the monolith locally, written to
 * the storefront bucket by the stack in AWS. The same shape as StorefrontConfigDocument
 * (libs/platform/http/src/storefront-config.ts), which documents each field.
 */
export type StorefrontSignIn =
  | { readonly kind: 'dev' }
  | {
      readonly kind: 'oidc';
      readonly authority: string;
      readonly clientId: string;
      readonly scope: string;
      readonly endSessionEndpoint?: string;
    }
  | { readonly kind: 'none' };

export interface StorefrontConfig {
  /** Prefix of every API path: '' beside the monolith, '/api' behind CloudFront. */
  readonly apiBase: string;
  readonly signIn: StorefrontSignIn;
}

/** Reads `/config.json`; a page without one (an old deployment) signs in with dev tokens. */
export async function loadStorefrontConfig(): Promise<StorefrontConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (response.status === 404) return { apiBase: '', signIn: { kind: 'dev' } };
  if (!response.ok) throw new Error(`The shop's configuration did not load (${response.status}).`);
  const config = (await response.json()) as Partial<StorefrontConfig>;
  if (typeof config.apiBase !== 'string' || typeof config.signIn?.kind !== 'string')
    throw new Error("The shop's configuration (/config.json) is not valid.");
  return config as StorefrontConfig;
}
