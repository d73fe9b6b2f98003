/** The console's only back end: the public GraphQL API, with the signed-in user's token. */

export interface Session {
  /** The access token, kept in memory only (never in local or session storage). */
  token: string;
  userId: string;
  agency: { code: string; name: string; kind: string };
  roles: string[];
  method: 'development' | 'oidc';
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; rule?: string; decisionId?: string; problems?: MouProblem[]; [key: string]: unknown };
}

export interface MouProblem {
  position: number | null;
  clause: string | null;
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly errors: GraphQLErrorShape[], readonly status: number) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  get problems(): MouProblem[] {
    return this.errors.flatMap((e) => e.extensions?.problems ?? []);
  }
}

export interface CallOptions {
  purpose?: string | null;
  caseReference?: string | null;
}

export async function graphql<T>(session: Session, query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
  if (options.purpose) headers['liaison-purpose'] = options.purpose;
  if (options.caseReference) headers['liaison-case-reference'] = options.caseReference;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = await response.json() as typeof body;
  } catch {
    throw new ApiError([{ message: `HTTP ${response.status}` }], response.status);
  }
  if (body.errors?.length) throw new ApiError(body.errors, response.status);
  if (!body.data) throw new ApiError([{ message: `HTTP ${response.status}` }], response.status);
  return body.data;
}

export const ME_QUERY = '{ me { userId roles agency { code name kind } } }';

/** Completes a session from a bare token: who the gateway says the token belongs to. */
export async function sessionFor(token: string, method: Session['method']): Promise<Session> {
  const probe: Session = { token, method, userId: '', roles: [], agency: { code: '', name: '', kind: '' } };
  const { me } = await graphql<{ me: { userId: string; roles: string[]; agency: Session['agency'] } }>(probe, ME_QUERY);
  return { ...probe, userId: me.userId, roles: me.roles, agency: me.agency };
}
