/**
 * Further measurements `npm run bench:alerts` runs beside the subscribers, over the same load
 * (e.g. webhook deliveries per second to a local receiver). A hook is started once the gateway
 * runs and before the load begins, and reports one line per figure when the load has ended.
 */
export interface AlertBenchRun {
  /** The gateway's GraphQL URL (http://…/graphql). */
  graphqlUrl: string;
  databaseUrl: string;
  /** Mints a token of the benchmark's identity provider. */
  token(agency: string, roles: string[], userId: string): string;
  durationSeconds: number;
}

export interface AlertBenchHook {
  name: string;
  start(run: AlertBenchRun): Promise<void>;
  /** Called when the load has ended: the lines to print. */
  report(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Registered hooks (the webhooks benchmark adds its own here). */
export const ALERT_BENCH_HOOKS: AlertBenchHook[] = [];
