import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/build-schema.js';

/**
 * The schema documents itself to integrators (introspection, the committed schema.graphql,
 * generated client types): every type, every field of every object and input type, every
 * argument and every enum value says what it is. Each list below names what lacks a
 * description.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await gatewaySchema();
});

const described = (description: string | null | undefined): boolean => Boolean(description?.trim());
const ownTypes = () => Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !(isScalarType(type) && isSpecifiedScalarType(type)));

describe('schema descriptions', () => {
  it('every type has a description', () => {
    expect(ownTypes().filter((type) => !described(type.description)).map((type) => type.name)).toEqual([]);
  });

  it('every field of every object, interface and input type has a description', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('every argument of every field has a description', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      if (!(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every value of every enum has a description', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      if (!isEnumType(type)) continue;
      for (const value of type.getValues()) if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('every shared record type says how withheld fields are reported', () => {
    for (const name of ['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport']) {
      const type = schema.getType(name);
      expect(isObjectType(type) && !isInputObjectType(type) && type.getFields().redactions?.description, name).toMatch(/withholds/);
    }
  });
});
