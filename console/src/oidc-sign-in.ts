import { sessionFor, type Session } from './api.js';
import type { ConsoleSettings } from './settings.js';

/**
 * OpenID Connect sign-in (authorization code with PKCE) through `oidc-client-ts`, loaded only
 * when used. Tokens stay in memory: the user store is an in-memory storage; only the
 * short-lived state of an unfinished redirect (state, nonce, PKCE verifier) sits in session
 * storage, because the redirect reloads the page.
 */

type Provider = ConsoleSettings['oidc'][number];
const PENDING_PROVIDER = 'liaison-console-oidc-provider';

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
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

export async function startOidcSignIn(provider: Provider): Promise<void> {
  sessionStorage.setItem(PENDING_PROVIDER, provider.issuer);
  await (await userManagerFor(provider)).signinRedirect();
}

export function isOidcCallback(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

let completing: Promise<Session | null> | undefined;

/** Exchanges the code in the address bar for tokens (once, however often it is called), then clears the address bar. */
export function completeOidcSignIn(settings: ConsoleSettings): Promise<Session | null> {
  completing ??= (async () => {
    const callbackUrl = location.href;
    history.replaceState(null, '', '/console/');
    const issuer = sessionStorage.getItem(PENDING_PROVIDER);
    sessionStorage.removeItem(PENDING_PROVIDER);
    const provider = settings.oidc.find((p) => p.issuer === issuer);
    if (!provider) throw new Error('sign-in response without a pending sign-in');
    const user = await (await userManagerFor(provider)).signinRedirectCallback(callbackUrl);
    return await sessionFor(user.access_token, 'oidc');
  })();
  return completing;
}

/** Sign-out forgets the tokens held in memory (they were never stored anywhere else). */
export async function signOutOidc(): Promise<void> {
  sessionStorage.removeItem(PENDING_PROVIDER);
}
