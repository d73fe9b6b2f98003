import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Transport errors, non-2xx answers and GraphQL errors in the body. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function run(options: LoadOptions, seconds: number): Promise<LoadResult> {
  let counter = 0;
  let graphqlErrors = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url: options.url,
      method: 'POST',
      connections: options.connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', ...options.headers },
      requests: [{
        setupRequest: (request) => ({ ...request, body: options.body(counter++) }),
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors++;
        },
      }],
    }, (error, result) => {
      if (error) return reject(error);
      resolve({
        requests: result.requests.total,
        rps: Math.round(result.requests.average * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
      });
    });
  });
}

/** Warm-up (discarded), then the measured run, from this process (not the gateway's). */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  return run(options, options.durationSeconds);
}
