import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';

describe('the GraphQL contract', () => {
  it('matches the committed schema.graphql (regenerate with `npm run schema:emit` and review the diff)', async () => {
    const committed = readFileSync(path.join(PACKAGE_ROOT, 'schema.graphql'), 'utf8');
    expect(`${printSchema(await gatewaySchema())}\n`).toBe(committed);
  });

  it('keeps every field a clause can withhold nullable, so a redaction never wipes its parent', async () => {
    const schema = await gatewaySchema();
    const alwaysPresent = new Set(['id', 'ownerAgency', 'handling', 'redactions']);
    for (const typeName of ['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport']) {
      const type = schema.getType(typeName) as import('graphql').GraphQLObjectType;
      for (const [name, field] of Object.entries(type.getFields())) {
        if (alwaysPresent.has(name)) continue;
        expect(String(field.type).endsWith('!'), `${typeName}.${name} must be nullable`).toBe(false);
      }
    }
  });

  it('exposes the contract root fields with Relay connections capped by first', async () => {
    const query = (await gatewaySchema()).getQueryType()!.getFields();
    for (const root of ['me', 'prisoner', 'prisoners', 'riskFlags', 'riskAssessments', 'releasePlans', 'intelligenceReports']) {
      expect(query[root], root).toBeDefined();
    }
    for (const list of ['prisoners', 'riskFlags', 'riskAssessments', 'releasePlans', 'intelligenceReports']) {
      expect(query[list]!.args.map((a) => a.name).sort()).toEqual(['after', 'filter', 'first']);
    }
  });
});
