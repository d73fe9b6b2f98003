import type { NonEmptyArray } from 'type-graphql';
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
import { RiskFlagResolver } from './risk-flag.resolver.js';

/** Every resolver of the API, listed explicitly. */
export const resolvers: NonEmptyArray<Function> = [
  MeResolver, PrisonerResolver, RiskFlagResolver, RiskAssessmentResolver, ReleasePlanResolver, IntelligenceReportResolver,
  MouResolver, MouLifecycleResolver, AccessExplanationResolver, MouAdminEventResolver,
  DisclosureLogResolver, ReferenceDataResolver, PersonSearchResolver,
];
