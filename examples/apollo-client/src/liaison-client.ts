import { ApolloClient, HttpLink } from '@apollo/client';
import { createLiaisonCache } from './liaison-cache.js';

export interface LiaisonSession {
  /** The gateway's GraphQL endpoint, e.g. https://liaison.example/graphql. */
  url: string;
  /** The user's access token from the agency's identity provider. */
  token: string;
  /** Why the user is asking (`Liaison-Purpose`): every request that reads another agency's data declares it. */
  purpose?: string;
  /** `Liaison-Case-Reference`, when the MoU's clause requires one. */
  caseReference?: string;
}

/**
 * An Apollo Client for one user, one purpose and one case. Every query goes to the gateway
 * (`network-only`): each read is then checked against the MoUs in force *now* and written to
 * the disclosure log; an answer served from the cache would be neither — it could show data
 * whose MoU was suspended since, and no log entry would say who saw it again.
 */
export function createLiaisonClient(session: LiaisonSession): ApolloClient {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
  if (session.purpose) headers['liaison-purpose'] = session.purpose;
  if (session.caseReference) headers['liaison-case-reference'] = session.caseReference;
  return new ApolloClient({
    link: new HttpLink({ uri: session.url, headers }),
    cache: createLiaisonCache(),
    defaultOptions: {
      query: { fetchPolicy: 'network-only' },
      watchQuery: { fetchPolicy: 'network-only', nextFetchPolicy: 'network-only' },
    },
  });
}

/** On sign-out (or a change of purpose or case): forget everything this client holds. */
export async function signOut(client: ApolloClient): Promise<void> {
  await client.clearStore();
  client.stop();
}
