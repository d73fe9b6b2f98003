import { isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/build-schema.js';

/**
 * The schema documents itself to integrators (introspection, the committed schema.graphql,
 * generated client types): every argument of every field says what it does.
 */
describe('schema descriptions', () => {
  it('every argument of every field has a description', async () => {
    const schema = await gatewaySchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every shared record type says how withheld fields are reported', async () => {
    const schema = await gatewaySchema();
    for (const name of ['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport']) {
      const type = schema.getType(name);
      expect(isObjectType(type) && !isInputObjectType(type) && type.getFields().redactions?.description, name).toMatch(/withholds/);
    }
  });
});
