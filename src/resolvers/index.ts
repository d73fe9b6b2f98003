import type { NonEmptyArray } from 'type-graphql';
import { AlertResolver } from './alert.resolver.js';
import { AccessExplanationResolver } from './access-explanation.resolver.js';
import { DisclosureLogResolver } from './disclosure-log.resolver.js';
import { IntelligenceReportResolver } from './intelligence-report.resolver.js';
import { MeResolver } from './me.resolver.js';
import { MouAdminEventResolver } from './mou-admin-event.resolver.js';
import { MouLifecycleResolver } from './mou-lifecycle.resolver.js';
import { MouResolver } from './mou.resolver.js';
import { PersonSearchResolver } from './person-search.resolver.js';
import { PrisonerResolver } from './prisoner.resolver.js';
import { ReferenceDataResolver } from './reference-data.resolver.js';
import { ReleasePlanResolver } from './release-plan.resolver.js';
import { RiskAssessmentResolver } from './risk-assessment.resolver.js';
import { OtherRecordWritesResolver } from './other-record-writes.resolver.js';
import { PrisonerWritesResolver } from './prisoner-writes.resolver.js';
import { RecordWritesResolver } from './record-writes.resolver.js';
import { ReleasePlanWritesResolver } from './release-plan-writes.resolver.js';
import { RiskFlagResolver } from './risk-flag.resolver.js';
import { RiskFlagWritesResolver } from './risk-flag-writes.resolver.js';
import { NoticeResolver } from './notice.resolver.js';
import { WebhookResolver } from './webhook.resolver.js';

/** Every resolver of the API, listed explicitly. */
export const resolvers: NonEmptyArray<Function> = [
  MeResolver, PrisonerResolver, RiskFlagResolver, RiskAssessmentResolver, ReleasePlanResolver, IntelligenceReportResolver,
  MouResolver, MouLifecycleResolver, AccessExplanationResolver, MouAdminEventResolver,
  DisclosureLogResolver, ReferenceDataResolver, PersonSearchResolver,
  RecordWritesResolver, RiskFlagWritesResolver, PrisonerWritesResolver, ReleasePlanWritesResolver, OtherRecordWritesResolver,
  AlertResolver, WebhookResolver, NoticeResolver,
];
