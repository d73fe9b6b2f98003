import { Router } from 'express';
import type { Logger } from 'pino';
import type { DisclosureLog } from '../audit/disclosure-log.js';
import { isDatabaseUnavailable } from './format-error.js';
import { sendHttpError } from './http-errors.js';

const NUMBER = /^[1-9]\d{0,14}$/;

/**
 * The disclosure log's signed checkpoints, for the inspectorate to pull and keep (and
 * witness) outside the database: nothing personal — sizes, hashes, times, signatures — so no
 * token is needed. `GET /audit/checkpoints/latest` and `/audit/checkpoints/<n>` answer the
 * signed note (text/plain); `/audit/checkpoints/<n>/consistency/<m>` the RFC 9162 proof that
 * checkpoint n extends an earlier checkpoint m (JSON), computed one at a time per process.
 */
export function checkpointRoutes(disclosureLog: DisclosureLog, log: Logger): Router {
  const router = Router();
  let proving = false;
  const failed = (res: Parameters<typeof sendHttpError>[0], error: unknown) => {
    log.error({ err: (error as Error).message }, 'checkpoint endpoint failed');
    if (isDatabaseUnavailable(error)) sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly');
    else sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };

  router.get('/audit/checkpoints/:number', async (req, res) => {
    const { number } = req.params;
    if (number !== 'latest' && !NUMBER.test(number)) {
      sendHttpError(res, 400, 'BAD_USER_INPUT', 'A checkpoint is named by its number or "latest"');
      return;
    }
    try {
      const note = await disclosureLog.checkpointNote(number === 'latest' ? 'latest' : Number(number));
      if (!note) sendHttpError(res, 404, 'NOT_FOUND', `No checkpoint ${number}`);
      else res.type('text/plain; charset=utf-8').send(note);
    } catch (error) {
      failed(res, error);
    }
  });

  router.get('/audit/checkpoints/:to/consistency/:from', async (req, res) => {
    const { to, from } = req.params;
    if (!NUMBER.test(to) || !NUMBER.test(from) || Number(from) > Number(to)) {
      sendHttpError(res, 400, 'BAD_USER_INPUT', 'A consistency proof is from an earlier checkpoint number to a later one');
      return;
    }
    if (proving) {
      sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'Another proof is being computed; try again shortly', { 'Retry-After': '1' });
      return;
    }
    proving = true;
    try {
      const proof = await disclosureLog.consistency(Number(from), Number(to));
      if (!proof) sendHttpError(res, 404, 'NOT_FOUND', `No checkpoints ${from} and ${to}`);
      else res.json(proof);
    } catch (error) {
      failed(res, error);
    } finally {
      proving = false;
    }
  });
  return router;
}
