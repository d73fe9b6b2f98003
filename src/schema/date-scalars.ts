import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO as LibraryDateTimeISO, GraphQLLocalDate as LibraryLocalDate } from 'graphql-scalars';

/**
 * graphql-scalars' `DateTimeISO` and `LocalDate`, with one shortcut when a value is sent: a
 * string already in the exact form the scalar would write, of a day that exists in every month
 * (as PostgreSQL formats them for the compiled read: `2026-12-05T21:18:56.186Z`, `2026-12-08`),
 * is sent as it is, instead of being
 * parsed into a Date and written again (about a microsecond and two allocations per value,
 * a hundred values per page). Anything else — Dates, other strings, input — goes through the
 * library's own validation. Same names and descriptions: the schema is unchanged.
 */

// Days up to the 28th exist in every month: later days are left to the library's calendar check.
const MONTH_DAY = '(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])';
const CANONICAL_INSTANT = new RegExp(`^\\d{4}-${MONTH_DAY}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z$`);
const CANONICAL_DATE = new RegExp(`^\\d{4}-${MONTH_DAY}$`);

function withCanonicalShortcut(scalar: GraphQLScalarType, canonical: RegExp): GraphQLScalarType {
  const config = scalar.toConfig();
  const serialize = config.serialize;
  return new GraphQLScalarType({
    ...config,
    serialize: (value: unknown) => (typeof value === 'string' && canonical.test(value) ? value : serialize(value)),
  });
}

export const GraphQLDateTimeISO = withCanonicalShortcut(LibraryDateTimeISO, CANONICAL_INSTANT);
export const GraphQLLocalDate = withCanonicalShortcut(LibraryLocalDate, CANONICAL_DATE);
