import { ErrorResponse, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { ApiError, type StorefrontApi } from './storefront-api.js';
import type { StorefrontSignIn } from './storefront-config.js';

/** A signed-in customer: the API's bearer token and the customer id it carries (`sub`). */
export interface Session {
  readonly customerId: string;
  /** What the header shows: the e-mail or user name when the issuer says, else the id. */
  readonly displayName: string;
  readonly token: string;
}

/**
 * One way of signing in, chosen by `/config.json`. `restore` finds the session the tab already
 * has (and finishes a redirect back from the issuer); `signIn` either answers with a session
 * (development tokens) or leaves the page for the issuer; `onEnded` hears when a session stops
 * being usable (expired and not renewed).
 */
export interface SignInMethod {
  /** Whether a customer id is typed in (development tokens) rather than asked by the issuer. */
  readonly asksForCustomerId: boolean;
  restore(): Promise<Session | undefined>;
  signIn(customerId: string): Promise<Session | undefined>;
  signOut(): Promise<void>;
  /** Forgets the session here only (a refused token), without visiting the issuer. */
  forget(): Promise<void>;
  onEnded(listener: (reason: string) => void): void;
}

/** Where the issuer sends the browser back; the monolith and CloudFront serve the page there. */
export const CALLBACK_PATH = '/callback';

const DEV_SESSION_KEY = 'seam.session';

export function signInMethod(config: StorefrontSignIn, api: StorefrontApi): SignInMethod {
  switch (config.kind) {
    case 'dev':
      return new DevTokenSignIn(api);
    case 'oidc':
      return new OidcSignIn(config);
    case 'none':
      return new NoSignIn();
  }
}

/** `POST /dev/token` with any customer id: a local Seam with the development key. */
class DevTokenSignIn implements SignInMethod {
  readonly asksForCustomerId = true;

  constructor(private readonly api: StorefrontApi) {}

  async restore(): Promise<Session | undefined> {
    const stored = sessionStorage.getItem(DEV_SESSION_KEY);
    if (!stored) return undefined;
    const session = JSON.parse(stored) as Omit<Session, 'displayName'> & { displayName?: string };
    return { ...session, displayName: session.displayName ?? session.customerId };
  }

  async signIn(customerId: string): Promise<Session> {
    try {
      const token = await this.api.devToken(customerId);
      const session = { customerId, displayName: customerId, token };
      sessionStorage.setItem(DEV_SESSION_KEY, JSON.stringify(session));
      return session;
    } catch (error) {
      throw error instanceof ApiError && error.status === 404
        ? new Error(
            'Signing in here needs a local Seam (POST /dev/token exists only in development).',
          )
        : error;
    }
  }

  async signOut(): Promise<void> {
    sessionStorage.removeItem(DEV_SESSION_KEY);
  }

  forget(): Promise<void> {
    return this.signOut();
  }

  onEnded(): void {
    // A development token lasts 12 h; an expired one gets a 401, which ends the session.
  }
}

/**
 * The authorization-code flow with PKCE (oidc-client-ts) against the configured issuer. The
 * user (tokens) and the flow's state live in sessionStorage, never localStorage: they end with
 * the tab. Before the access token expires it is renewed with the refresh token when the issuer
 * gave one (Cognito does); otherwise the session ends and the customer signs in again.
 */
class OidcSignIn implements SignInMethod {
  readonly asksForCustomerId = false;
  private readonly manager: UserManager;
  private readonly endSessionEndpoint: string | undefined;

  constructor(config: Extract<StorefrontSignIn, { kind: 'oidc' }>) {
    const origin = window.location.origin;
    this.endSessionEndpoint = config.endSessionEndpoint;
    this.manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      scope: config.scope,
      response_type: 'code',
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: true,
      loadUserInfo: false,
      // Cognito's discovery document has no end_session_endpoint: the config names its /logout.
      metadataSeed: config.endSessionEndpoint
        ? { end_session_endpoint: config.endSessionEndpoint }
        : undefined,
    });
  }

  async restore(): Promise<Session | undefined> {
    if (window.location.pathname === CALLBACK_PATH) {
      try {
        await this.manager.signinRedirectCallback();
      } catch (error) {
        throw new Error(`Signing in failed: ${describe(error)}`, { cause: error });
      } finally {
        // The code and state are spent: keep them out of the address bar and the history.
        window.history.replaceState(null, '', '/');
      }
    }
    const user = await this.manager.getUser();
    if (!user || user.expired) {
      if (user) await this.manager.removeUser();
      return undefined;
    }
    return sessionOf(user);
  }

  async signIn(): Promise<undefined> {
    try {
      await this.manager.signinRedirect();
    } catch (error) {
      throw new Error(`Signing in is not possible right now: ${describe(error)}`, { cause: error });
    }
    return undefined;
  }

  async signOut(): Promise<void> {
    const user = await this.manager.getUser();
    await this.manager.removeUser();
    if (!user) return;
    await this.manager.signoutRedirect({
      id_token_hint: user.id_token,
      // Cognito's /logout reads logout_uri (one of the app client's sign-out URLs).
      extraQueryParams: this.endSessionEndpoint
        ? { logout_uri: `${window.location.origin}/` }
        : undefined,
    });
  }

  forget(): Promise<void> {
    return this.manager.removeUser();
  }

  onEnded(listener: (reason: string) => void): void {
    const ended = (reason: string) => {
      void this.manager.removeUser().then(() => listener(reason));
    };
    this.manager.events.addSilentRenewError(() => ended('Your session has ended: sign in again.'));
    this.manager.events.addAccessTokenExpired(() =>
      ended('Your session has ended: sign in again.'),
    );
  }
}

/** A real issuer without a client for this page: nobody signs in here. */
class NoSignIn implements SignInMethod {
  readonly asksForCustomerId = false;

  async restore(): Promise<undefined> {
    return undefined;
  }

  async signIn(): Promise<undefined> {
    throw new Error('Signing in is not set up for this shop (no OIDC client for the storefront).');
  }

  async signOut(): Promise<void> {}

  async forget(): Promise<void> {}

  onEnded(): void {}
}

function sessionOf(user: User): Session {
  const { sub, email, preferred_username: userName } = user.profile;
  return {
    customerId: sub,
    displayName: (typeof email === 'string' && email) || userName || sub,
    token: user.access_token,
  };
}

function describe(error: unknown): string {
  if (error instanceof ErrorResponse) return error.error_description ?? error.error ?? 'refused';
  return error instanceof Error ? error.message : String(error);
}
