import type { Command } from 'commander';
import { mintDevelopmentToken } from '../../auth/development-tokens.js';
import { DEMO_AGENCIES } from '../../seed/demo-agencies.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function tokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a development token (trusted only by a gateway in development mode)')
    .requiredOption('--agency <code>', 'agency the token acts for, e.g. POLICE')
    .requiredOption('--role <role>', 'a role within the agency (repeat for several)', collect, [])
    .option('--user <id>', 'user id (the token subject)')
    .option('--ttl <seconds>', 'lifetime in seconds', '3600')
    .option('--audience <aud>', 'audience', process.env.LIAISON_JWT_AUDIENCE ?? 'liaison')
    .action((options: { agency: string; role: string[]; user?: string; ttl: string; audience: string }) => {
      const ttl = Number(options.ttl);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 12 * 3600) {
        throw new Error('--ttl must be a whole number of seconds between 1 and 43200');
      }
      const agency = DEMO_AGENCIES.find((a) => a.code === options.agency);
      const unknown = options.role.filter((r) => !agency?.roles.some((known) => known.role === r));
      if (!agency || unknown.length) {
        process.stderr.write(`warning: ${!agency ? `${options.agency} is not a demo agency` : `${unknown.join(', ')} not a role of ${agency.code} in the demo data`}; the gateway will refuse the token unless the agency and roles exist\n`);
      }
      process.stdout.write(`${mintDevelopmentToken({
        agency: options.agency, roles: options.role, userId: options.user, ttlSeconds: ttl, audience: options.audience,
      })}\n`);
    });
}
