import { describe, expect, it } from 'vitest';
import { GraphQLDateTimeISO as LibraryDateTimeISO, GraphQLLocalDate as LibraryLocalDate } from 'graphql-scalars';
import { GraphQLDateTimeISO, GraphQLLocalDate } from '../../src/schema/date-scalars.js';

/** The date scalars send canonical strings as they are, and everything else exactly as graphql-scalars does. */
describe('date scalars', () => {
  it('keep the names, descriptions and input parsing of graphql-scalars', () => {
    expect(GraphQLDateTimeISO.name).toBe(LibraryDateTimeISO.name);
    expect(GraphQLDateTimeISO.description).toBe(LibraryDateTimeISO.description);
    expect(GraphQLLocalDate.name).toBe(LibraryLocalDate.name);
    expect(GraphQLDateTimeISO.parseValue('2026-12-05T21:18:56Z')).toEqual(LibraryDateTimeISO.parseValue('2026-12-05T21:18:56Z'));
    expect(() => GraphQLLocalDate.parseValue('2026-02-30')).toThrow();
  });

  it('send a value PostgreSQL formatted unchanged, as the library would write it', () => {
    for (const value of ['2026-12-05T21:18:56.186Z', '2000-02-29T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '2026-12-28T00:00:00.000Z']) {
      expect(GraphQLDateTimeISO.serialize(value)).toBe(value);
      expect(GraphQLDateTimeISO.serialize(value)).toBe(LibraryDateTimeISO.serialize(value));
    }
    for (const value of ['2026-12-08', '2024-02-29', '2026-01-31']) {
      expect(GraphQLLocalDate.serialize(value)).toBe(value);
      expect(GraphQLLocalDate.serialize(value)).toBe(LibraryLocalDate.serialize(value));
    }
  });

  it('send every other value exactly as graphql-scalars does, refusals included', () => {
    const instant = new Date('2026-12-05T21:18:56.186Z');
    expect(GraphQLDateTimeISO.serialize(instant)).toBe(LibraryDateTimeISO.serialize(instant));
    expect(GraphQLDateTimeISO.serialize('2026-12-05T22:18:56+01:00')).toBe('2026-12-05T21:18:56.000Z');
    expect(GraphQLDateTimeISO.serialize(42)).toBe(LibraryDateTimeISO.serialize(42));
    for (const bad of ['2026-13-05T21:18:56.186Z', '2026-12-05T24:00:00.000Z', 'yesterday']) {
      expect(() => GraphQLDateTimeISO.serialize(bad)).toThrow();
      expect(() => LibraryDateTimeISO.serialize(bad)).toThrow();
    }
    for (const bad of ['2026-02-30', '2026-12-8', 20261208]) {
      expect(() => GraphQLLocalDate.serialize(bad)).toThrow();
    }
  });
});
