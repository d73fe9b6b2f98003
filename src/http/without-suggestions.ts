import type { GraphQLFormattedError } from 'graphql';

/** graphql-js's `didYouMean`: " Did you mean "x", "y", or "z"?" (names and enum values hold no `?`). */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps `formatError` so that no message names a field, argument, type or enum value the
 * caller did not write. Apollo's `hideSchemaDetailsFromClientErrors` strips suggestions from
 * validation errors only; graphql-js adds them as well when it coerces variables
 * ("Value "HIHG" does not exist in "Severity" enum. Did you mean the enum value "HIGH"?") and
 * in scalar and input-object errors — each a way to read the schema with introspection off.
 */
export function withoutSuggestions(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const message = result.message.replace(SUGGESTION, '');
    return message === result.message ? result : { ...result, message };
  };
}
