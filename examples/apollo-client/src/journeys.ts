import type { ApolloClient } from '@apollo/client';
import {
  CounterTerrorismFlagsDocument, PrisonerFileDocument, ReleasePlansDueDocument,
  type CounterTerrorismFlagsQuery, type PrisonerFileQuery, type ReleasePlansDueQuery,
} from './generated/graphql.js';

/** Journey 1: a police counter-terrorism analyst's flags of violent extremist prisoners (client for COUNTER_TERRORISM). */
export async function counterTerrorismFlags(client: ApolloClient, first = 20, after?: string): Promise<CounterTerrorismFlagsQuery> {
  const { data } = await client.query({ query: CounterTerrorismFlagsDocument, variables: { first, after } });
  if (!data) throw new Error('no data');
  return data;
}

/** Journey 2: a probation officer's release plans due within `days` (client for SUPERVISION with a case reference). */
export async function releasePlansDue(client: ApolloClient, days = 90): Promise<ReleasePlansDueQuery> {
  const { data } = await client.query({ query: ReleasePlansDueDocument, variables: { days } });
  if (!data) throw new Error('no data');
  return data;
}

/** Journey 3: a prison security officer's prisoner file with police intelligence (client for PRISON_SECURITY). */
export async function prisonerFile(client: ApolloClient, id: string): Promise<PrisonerFileQuery['prisoner']> {
  const { data } = await client.query({ query: PrisonerFileDocument, variables: { id } });
  if (!data) throw new Error('no data');
  return data.prisoner;
}
