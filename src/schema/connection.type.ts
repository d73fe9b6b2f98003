import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './common.type.js';

/**
 * A Relay connection type for `node`: `{ edges { cursor node } pageInfo totalCount }`.
 * `extendEdge` may declare further edge fields (it is given the edge class's prototype).
 */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, extendEdge?: (edgePrototype: object) => void) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} of a page, with its position in the list.` })
  class Edge {
    @Field(() => String, { description: 'This edge\'s position: pass it as `after` to read the records after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }
  extendEdge?.(Edge.prototype);

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} records (a Relay connection): at most \`first\` edges after the cursor \`after\`.` })
  class Connection {
    @Field(() => [Edge], { description: 'The records of this page, in the list\'s order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to ask for the next one.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Every record matching the filter that the caller may see.' })
    totalCount!: number;
  }

  return Connection;
}
