import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './common.type.js';

/**
 * A Relay connection type for `node`: `{ edges { cursor node } pageInfo totalCount }`.
 * `extendEdge` may declare further edge fields (it is given the edge class's prototype).
 */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, extendEdge?: (edgePrototype: object) => void) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }
  extendEdge?.(Edge.prototype);

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Every record matching the filter that the caller may see.' })
    totalCount!: number;
  }

  return Connection;
}
