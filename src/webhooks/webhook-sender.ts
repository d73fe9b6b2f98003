import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { LookupFunction } from 'node:net';

/**
 * Sends one signed delivery (Standard Webhooks): `webhook-id` (the stable event id),
 * `webhook-timestamp` (seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` — one per
 * secret in force, space-separated, while a rotated-out secret overlaps the new one), over the
 * exact body signed. No redirect is followed (a redirect could lead anywhere); the response
 * body is read up to a small limit and dropped.
 */
export interface SendResult {
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface SignedRequest {
  url: string;
  eventId: string;
  body: string;
  secrets: readonly string[];
  timeoutMs: number;
  lookup: LookupFunction;
  now?: Date;
  /** Keep-alive agents; none: one connection per request. */
  agents?: { http: http.Agent; https: https.Agent };
}

const MAX_RESPONSE_BYTES = 64 * 1024;

export function signatureHeaders(eventId: string, body: string, secrets: readonly string[], at: Date): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}

export function sendSigned(request: SignedRequest): Promise<SendResult> {
  const started = performance.now();
  const at = request.now ?? new Date();
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body, 'utf8');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (httpStatus: number | null, error: string | null): void => {
      if (settled) return;
      settled = true;
      resolve({ httpStatus, error, durationMs: Math.round(performance.now() - started) });
    };
    const req = transport.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'user-agent': 'Liaison-Webhooks/1',
        ...signatureHeaders(request.eventId, request.body, request.secrets, at),
      },
      // Every address the socket may connect to comes from this lookup, which checked it.
      lookup: request.lookup,
      timeout: request.timeoutMs,
      agent: request.agents ? (url.protocol === 'https:' ? request.agents.https : request.agents.http) : false,
    }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) res.destroy();
      });
      res.on('end', () => finish(res.statusCode ?? null, null));
      res.on('close', () => finish(res.statusCode ?? null, null));
      res.on('error', () => finish(res.statusCode ?? null, null));
    });
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    deadline.unref();
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code && error.code !== 'ERR_UNKNOWN' ? `${error.code}: ${error.message}` : error.message));
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}
