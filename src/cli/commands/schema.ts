import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { printSchema } from 'graphql';
import { gatewaySchema } from '../../schema/build-schema.js';

export function schemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the GraphQL schema (SDL); the committed schema.graphql must match it')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const sdl = `${printSchema(await gatewaySchema())}\n`;
      if (options.out) writeFileSync(options.out, sdl);
      else process.stdout.write(sdl);
    });
}
