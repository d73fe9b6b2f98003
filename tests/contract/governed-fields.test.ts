import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldGovernance, GOVERNED_TYPES } from '../../src/enforcement/governed-types.js';
import { SUBJECTS, SUBJECT_TYPES } from '../../src/policies/subjects.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';

/**
 * Every field of every governed GraphQL type, with how the policy governs it. A new field on
 * a shared record shows up here as a snapshot diff — and as UNGOVERNED, which fails the test,
 * until the subject catalogue (src/policies/subjects.ts) says what it is.
 */
async function governance(): Promise<Record<string, Record<string, string>>> {
  const schema = await gatewaySchema();
  const listing: Record<string, Record<string, string>> = {};
  for (const typeName of [...GOVERNED_TYPES].sort()) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`governed type ${typeName} is not an object type of the schema`);
    const subject = typeName as (typeof SUBJECT_TYPES)[number];
    listing[typeName] = Object.fromEntries(Object.values((type as GraphQLObjectType).getFields()).map((field) => {
      const governed = fieldGovernance(subject, field.name);
      if (field.resolve) {
        // A field with its own resolver never reaches the default field resolver: it must be a
        // relation, loaded through the policed reads and presented under its own subject.
        return [field.name, governed ? `CONFLICT: own resolver, but catalogued as ${governed.kind}` : `RELATION → ${String(field.type)} (own resolver, policed read)`];
      }
      if (!governed) return [field.name, 'UNGOVERNED'];
      switch (governed.kind) {
        case 'ALWAYS_VISIBLE': return [field.name, 'ALWAYS_VISIBLE (identity and handling marks)'];
        case 'POLICY': return [field.name, `POLICY (withheld as ${governed.withheldAs})`];
        case 'COMPUTED': return [field.name, `COMPUTED from ${governed.from}`];
        case 'REDACTIONS': return [field.name, 'REDACTIONS (the fields this response withholds from this record)'];
      }
    }));
  }
  return listing;
}

describe('governed GraphQL types', () => {
  it('are exactly the subjects of the policy catalogue', () => {
    expect([...GOVERNED_TYPES].sort()).toEqual([...SUBJECT_TYPES].sort());
  });

  it('have every field governed: policy-decided, always visible, computed from a decided field, or a relation through the policed reads', async () => {
    const listing = await governance();
    const problems = Object.entries(listing).flatMap(([type, fields]) =>
      Object.entries(fields).filter(([, how]) => how === 'UNGOVERNED' || how.startsWith('CONFLICT')).map(([field, how]) => `${type}.${field}: ${how}`));
    expect(problems, 'declare each field in src/policies/subjects.ts (fields, alwaysVisible or computed), or resolve it through the policed reads').toEqual([]);
    expect(listing).toMatchSnapshot();
  });

  it('expose every field the catalogue lets a clause grant', async () => {
    const schema = await gatewaySchema();
    for (const subject of SUBJECT_TYPES) {
      const fields = (schema.getType(subject) as GraphQLObjectType).getFields();
      const definition = SUBJECTS[subject];
      for (const field of [...definition.fields, ...definition.alwaysVisible, ...Object.keys(definition.computed ?? {})]) {
        expect(fields[field], `${subject}.${field}`).toBeDefined();
      }
    }
  });
});
