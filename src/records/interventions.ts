import type { RequestContext } from '../context/request-context.js';
import { InterventionEntity } from '../entities/index.js';
import { recordsByPrisoner } from '../enforcement/batch-loaders.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export function presentInterventions(ctx: RequestContext, rows: InterventionEntity[]): RecordView[] {
  return presentAll(ctx, 'Intervention', rows, (row) => ({
    programme: row.programme,
    kind: row.kind,
    status: row.status,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    sessionNotes: row.sessionNotes,
  }));
}

export const interventionsOfPrisoner = (ctx: RequestContext) => recordsByPrisoner(ctx, {
  subject: 'Intervention', entity: InterventionEntity, orderBy: 'createdAt', direction: 'DESC',
  present: presentInterventions,
});
