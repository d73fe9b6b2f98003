import { MaxDate, Matches, MinDate } from 'class-validator';

/**
 * Argument rules shared by the input types (class-validator; a breach is BAD_USER_INPUT
 * before any service runs).
 */

/** No control characters (NUL, escapes, line breaks) and no lone UTF-16 surrogates in free text. */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cs}]*$/u;

export const PlainText = (options: { each?: boolean } = {}): PropertyDecorator =>
  Matches(PLAIN_TEXT, { each: options.each, message: '$property must not contain control characters' });

/** The earliest and latest instants a filter may name: the data holds nothing outside them, and PostgreSQL's range is narrower than JavaScript's. */
export const EARLIEST_INSTANT = new Date('1900-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('2200-01-01T00:00:00.000Z');

export const PlausibleInstant = (): PropertyDecorator => (target, property) => {
  MinDate(EARLIEST_INSTANT, { message: `$property must not be before ${EARLIEST_INSTANT.toISOString()}` })(target, property);
  MaxDate(LATEST_INSTANT, { message: `$property must not be after ${LATEST_INSTANT.toISOString()}` })(target, property);
};
