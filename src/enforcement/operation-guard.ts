import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { RequestContext } from '../context/request-context.js';
import { forbidden, LiaisonError, refusedByRule } from '../errors.js';
import { logRefusedAction } from '../mou/administration.js';
import { audienceRefusal, OPERATION_ACCESS, operationAccess, type AudienceRefusal, type OperationAccess } from './operation-access.js';

/**
 * The one guard in front of every operation: it wraps each Query, Mutation and Subscription field of the
 * built schema with the caller check its declaration names (operation-access.ts), so it runs
 * before the resolver, before argument validation and before any service. Deny by default:
 * a root field without a declaration — or a declaration without a field — stops the schema
 * from being built at all.
 */
export function guardOperations(schema: GraphQLSchema): GraphQLSchema {
  const undeclared: string[] = [];
  const declared = new Set<string>();
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const access = operationAccess(type.name, field.name);
      if (!access) {
        undeclared.push(`${type.name}.${field.name}`);
        continue;
      }
      declared.add(`${type.name}.${field.name}`);
      field.resolve = guarded(access, field.resolve ?? defaultFieldResolver);
      // A subscription is checked when it is opened, and again with each event's context.
      if (field.subscribe) field.subscribe = guarded(access, field.subscribe);
    }
  }
  const stale = Object.entries(OPERATION_ACCESS)
    .flatMap(([type, fields]) => Object.keys(fields).map((name) => `${type}.${name}`))
    .filter((operation) => !declared.has(operation));
  if (undeclared.length > 0 || stale.length > 0) {
    throw new Error(
      'operation access: every Query and Mutation field needs exactly one declaration in src/enforcement/operation-access.ts'
      + (undeclared.length ? `; undeclared: ${undeclared.join(', ')}` : '')
      + (stale.length ? `; declared but not in the schema: ${stale.join(', ')}` : ''),
    );
  }
  return schema;
}

function guarded(access: OperationAccess, resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, ctx, info) => {
    if (!(ctx instanceof RequestContext)) throw new Error(`operation ${info.fieldName}: no request context`);
    const refusal = audienceRefusal(access, {
      agencyCode: ctx.principal.agencyCode,
      agencyKind: ctx.snapshot.agencies.get(ctx.principal.agencyCode)?.kind ?? 'OTHER',
      roles: ctx.principal.roles,
      purpose: ctx.purpose,
    });
    if (!refusal) return resolve(source, args, ctx, info);
    return refuse(ctx, access, refusal, info.fieldName, args);
  };
}

async function refuse(ctx: RequestContext, access: OperationAccess, refusal: AudienceRefusal, operation: string, args: unknown): Promise<never> {
  const error = refusal.code === 'PURPOSE_REQUIRED'
    ? new LiaisonError('PURPOSE_REQUIRED', refusal.message)
    : refusal.rule ? refusedByRule({ code: 'FORBIDDEN', rule: refusal.rule, message: refusal.message }) : forbidden(refusal.message);
  ctx.log.info({ operation, audience: access.audience, code: refusal.code, rule: refusal.rule }, 'operation refused: caller not in its audience');
  const record = access.recordedIn;
  if (record !== 'REQUEST_LOG') {
    if ('adminLog' in record) await logRefusedAction(ctx, record.adminLog, args, error);
    else ctx.disclosures.deny({ code: refusal.code, subject: null, detail: record.disclosureLog });
  }
  throw error;
}
