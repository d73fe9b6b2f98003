import type { RequestContext } from '../context/request-context.js';
import { ClassificationEntity } from '../entities/index.js';
import { latestByPrisoner } from '../enforcement/batch-loaders.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export function presentClassifications(ctx: RequestContext, rows: ClassificationEntity[]): RecordView[] {
  return presentAll(ctx, 'Classification', rows, (row) => ({
    securityCategory: row.securityCategory,
    placementApproach: row.placementApproach,
    decidedOn: row.decidedOn,
    reviewDate: row.reviewDate,
  }));
}

/** A prisoner's current classification: the latest decision the caller may see. */
export const classificationOfPrisoner = (ctx: RequestContext) => latestByPrisoner(ctx, {
  subject: 'Classification', entity: ClassificationEntity, orderBy: 'decidedOn', direction: 'DESC',
  present: presentClassifications,
});
