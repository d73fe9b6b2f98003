import type { UserManager } from 'oidc-client-ts';
import { sessionFor, type Session } from './api.js';
import type { ConsoleSettings } from './settings.js';

/**
 * OpenID Connect sign-in (authorization code with PKCE) through `oidc-client-ts`, loaded only
 * when used. Tokens stay in memory: the user store is an in-memory storage; only the
 * short-lived state of an unfinished redirect (state, nonce, PKCE verifier) sits in session
 * storage, because the redirect reloads the page.
 *
 * Renewal: a minute before the access token expires, the refresh token (kept in memory with
 * it) buys a new one; the session's token is replaced in place, so nothing on screen is
 * reloaded. Without a refresh token (the provider issued none) the session ends when the
 * token expires. Sign-out forgets the tokens and ends the session at the provider too
 * (RP-initiated logout at its `end_session_endpoint`), which then sends the browser back.
 */

type Provider = ConsoleSettings['oidc'][number];
const PENDING_PROVIDER = 'liaison-console-oidc-provider';
const PENDING_SIGN_OUT = 'liaison-console-oidc-sign-out';

export interface OidcSessionEvents {
  /** The access token was renewed (already set on the session). */
  renewed(session: Session): void;
  /** The access token expired and could not be renewed: the session is over. */
  expired(): void;
}

let active: { manager: UserManager; session: Session } | undefined;

async function userManagerFor(provider: Provider) {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  return new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: `${location.origin}/console/`,
    post_logout_redirect_uri: `${location.origin}/console/`,
    response_type: 'code',
    scope: provider.scope,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    // Renewal is driven below: by refresh token only (an iframe would need the provider framed).
    automaticSilentRenew: false,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    monitorSession: false,
    loadUserInfo: false,
  });
}

export async function startOidcSignIn(provider: Provider): Promise<void> {
  sessionStorage.setItem(PENDING_PROVIDER, provider.issuer);
  await (await userManagerFor(provider)).signinRedirect();
}

/** The identity provider sent the browser back with a code (or an error) for a sign-in. */
export function isOidcCallback(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

let completing: Promise<Session | null> | undefined;

/** Exchanges the code in the address bar for tokens (once, however often it is called), then clears the address bar. */
export function completeOidcSignIn(settings: ConsoleSettings, events: OidcSessionEvents): Promise<Session | null> {
  completing ??= (async () => {
    const callbackUrl = location.href;
    history.replaceState(null, '', '/console/');
    const issuer = sessionStorage.getItem(PENDING_PROVIDER);
    sessionStorage.removeItem(PENDING_PROVIDER);
    const provider = settings.oidc.find((p) => p.issuer === issuer);
    if (!provider) throw new Error('sign-in response without a pending sign-in');
    const manager = await userManagerFor(provider);
    const user = await manager.signinRedirectCallback(callbackUrl);
    const session = await sessionFor(user.access_token, 'oidc');
    active = { manager, session };
    manager.events.addAccessTokenExpiring(() => {
      void manager.getUser().then(async (current) => {
        if (!current?.refresh_token || active?.manager !== manager) return;
        const renewed = await manager.signinSilent();
        if (renewed && active?.manager === manager) {
          session.token = renewed.access_token;
          events.renewed(session);
        }
      }).catch(() => undefined); // an expiry follows, and ends the session
    });
    manager.events.addAccessTokenExpired(() => {
      if (active?.manager !== manager) return;
      active = undefined;
      void manager.removeUser();
      events.expired();
    });
    return session;
  })();
  return completing;
}

/** Back from the provider's end-session endpoint: clears the address bar and the sign-out's state. */
export async function completeOidcSignOut(settings: ConsoleSettings): Promise<void> {
  const issuer = sessionStorage.getItem(PENDING_SIGN_OUT);
  sessionStorage.removeItem(PENDING_SIGN_OUT);
  const callbackUrl = location.href;
  history.replaceState(null, '', '/console/');
  const provider = settings.oidc.find((p) => p.issuer === issuer);
  if (provider && new URLSearchParams(new URL(callbackUrl).search).has('state')) {
    await (await userManagerFor(provider)).signoutRedirectCallback(callbackUrl).catch(() => undefined);
  }
}

export function isOidcSignOutReturn(): boolean {
  return sessionStorage.getItem(PENDING_SIGN_OUT) !== null;
}

/**
 * Forgets the tokens held in memory (they were never stored anywhere else), then ends the
 * session at the identity provider: the browser goes to its end-session endpoint (with the ID
 * token as hint) and comes back to the console. A provider without one: signed out locally.
 */
export async function signOutOidc(): Promise<void> {
  sessionStorage.removeItem(PENDING_PROVIDER);
  const current = active;
  active = undefined;
  if (!current) return;
  current.session.token = '';
  try {
    const issuer = current.manager.settings.authority;
    sessionStorage.setItem(PENDING_SIGN_OUT, issuer);
    await current.manager.signoutRedirect();
  } catch {
    sessionStorage.removeItem(PENDING_SIGN_OUT);
    await current.manager.removeUser();
  }
}
