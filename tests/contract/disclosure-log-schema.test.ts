import 'reflect-metadata';
import type { GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/build-schema.js';

describe('the disclosure-log contract (issue 4)', () => {
  it('disclosures(filter, first, after) is a Relay connection filtered by the contract\'s fields', async () => {
    const schema = await gatewaySchema();
    const disclosures = schema.getQueryType()!.getFields().disclosures!;
    expect(disclosures.args.map((a) => a.name).sort()).toEqual(['after', 'filter', 'first']);
    expect(String(disclosures.type)).toBe('DisclosureLogEntryConnection!');
    const filter = schema.getType('DisclosureFilter') as GraphQLInputObjectType;
    expect(Object.keys(filter.getFields())).toEqual(expect.arrayContaining(['agencyCode', 'recipientAgencyCode', 'userId', 'purpose', 'subjectId', 'from', 'to']));
    const connection = schema.getType('DisclosureLogEntryConnection') as GraphQLObjectType;
    expect(Object.keys(connection.getFields()).sort()).toEqual(['edges', 'pageInfo', 'totalCount']);
  });

  it('auditIntegrity answers for auditors; sealDisclosureLog seals on demand', async () => {
    const schema = await gatewaySchema();
    expect(String(schema.getQueryType()!.getFields().auditIntegrity!.type)).toBe('AuditIntegrity!');
    expect(String(schema.getMutationType()!.getFields().sealDisclosureLog!.type)).toBe('LogCheckpoint');
  });
});
