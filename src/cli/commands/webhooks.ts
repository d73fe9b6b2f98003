import type { Command } from 'commander';
import { attemptsOf, listDeliveries, redeliver, type Delivery, type DeliveryStatus } from '../../webhooks/delivery-outbox.js';
import { listWebhooks } from '../../webhooks/endpoint-registry.js';
import { withDatabase } from '../with-database.js';

/**
 * `liaison webhooks …`: an operator's view of an agency's webhooks — the endpoints, the
 * dead-letter list (and any other deliveries) with every attempt, and redelivery. Always for
 * one agency (`--agency`), as its MOU_ADMINs see them through the API; the signing secrets are
 * never printed (they are shown once, at registration).
 */
const collect = (value: string, previous: string[]): string[] => [...previous, value];
const STATUSES = ['PENDING', 'DELIVERED', 'DEAD', 'CANCELLED'];

function deliveryLine(d: Delivery): string {
  const last = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.lastError ?? 'not attempted';
  return `${d.id}  ${d.status.padEnd(9)}  ${d.eventId}  ${d.eventType}  webhook ${d.webhookId}  ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}, last: ${last}  queued ${d.createdAt.toISOString()}`;
}

export function webhooksCommand(program: Command): void {
  const webhooks = program.command('webhooks').description('an agency\'s webhooks: endpoints, deliveries and their attempts, dead letters, redelivery');

  webhooks
    .command('list')
    .description('the agency\'s webhook endpoints')
    .requiredOption('--agency <code>', 'the agency')
    .option('--removed', 'include removed endpoints')
    .action(async (options: { agency: string; removed?: boolean }) => {
      await withDatabase(async (db) => {
        for (const w of await listWebhooks(db.dataSource, options.agency, options.removed ?? false)) {
          process.stdout.write(`${w.id}  ${w.url}  ${w.purpose} as ${w.roles.join(',')}${w.removedAt ? `  removed ${w.removedAt.toISOString()}` : ''}\n`);
        }
      });
    });

  webhooks
    .command('deliveries')
    .description('deliveries to the agency\'s webhooks, newest first (--status DEAD: the dead-letter list)')
    .requiredOption('--agency <code>', 'the agency')
    .option('--status <status>', `only this status (${STATUSES.join(', ')}); repeatable`, collect, [])
    .option('--webhook <id>', 'only this endpoint\'s')
    .option('--limit <n>', 'at most this many (up to 100)', '50')
    .option('--attempts', 'print every attempt under each delivery')
    .action(async (options: { agency: string; status: string[]; webhook?: string; limit: string; attempts?: boolean }) => {
      for (const status of options.status) if (!STATUSES.includes(status)) throw new Error(`--status must be one of ${STATUSES.join(', ')}`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error('--limit must be a whole number from 1 to 100');
      await withDatabase(async (db) => {
        const deliveries = await listDeliveries(db.dataSource, options.agency, { statuses: options.status as DeliveryStatus[], webhookId: options.webhook ?? null }, limit, null);
        const attempts = options.attempts ? await attemptsOf(db.dataSource, deliveries.map((d) => d.id)) : new Map();
        for (const d of deliveries) {
          process.stdout.write(`${deliveryLine(d)}\n`);
          for (const a of attempts.get(d.id) ?? []) {
            process.stdout.write(`    ${a.attemptedAt.toISOString()}  ${a.httpStatus !== null ? `HTTP ${a.httpStatus}` : `no answer: ${a.error}`}  ${a.durationMs} ms\n`);
          }
        }
        if (deliveries.length === 0) process.stdout.write('no deliveries\n');
      });
    });

  webhooks
    .command('redeliver')
    .description('queue dead-lettered deliveries again (same event ids, a fresh retry window)')
    .requiredOption('--agency <code>', 'the agency')
    .option('--delivery <id>', 'a dead delivery; repeatable', collect, [])
    .option('--webhook <id>', 'every dead delivery of this endpoint')
    .action(async (options: { agency: string; delivery: string[]; webhook?: string }) => {
      await withDatabase(async (db) => {
        const queued = await redeliver(db.dataSource, options.agency, { deliveryIds: options.delivery, ...(options.webhook ? { webhookId: options.webhook } : {}) });
        for (const d of queued) process.stdout.write(`${deliveryLine(d)}\n`);
        process.stdout.write(`${queued.length} dead deliver${queued.length === 1 ? 'y' : 'ies'} queued again\n`);
      });
    });
}
