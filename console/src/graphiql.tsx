import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql.css';

/**
 * GraphiQL, bundled and served by the gateway (no CDN). Requests go to `/graphql` with the
 * headers from the headers editor, which starts with the Liaison headers to fill in.
 */
const DEFAULT_HEADERS = JSON.stringify({
  Authorization: 'Bearer <token: npx liaison token --agency POLICE --role ANALYST>',
  'Liaison-Purpose': 'COUNTER_TERRORISM',
  'Liaison-Case-Reference': '',
}, null, 2);

const DEFAULT_QUERY = `# Liaison GraphQL API. Put a token in the Authorization header (Headers, below), then run.
{
  me { userId agency { code } roles purpose }
}
`;

async function fetcher(params: unknown, options?: { headers?: Record<string, unknown> }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (typeof value === 'string' && value.trim() && !value.includes('<token')) headers[name.toLowerCase()] = value;
  }
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return await response.json() as object;
}

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={DEFAULT_HEADERS} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility="headers" />,
);
