import type { NonEmptyArray } from 'type-graphql';
import { DisclosureLogResolver } from './disclosure-log.resolver.js';
import { IntelligenceReportResolver } from './intelligence-report.resolver.js';
import { MeResolver } from './me.resolver.js';
import { PrisonerResolver } from './prisoner.resolver.js';
import { ReleasePlanResolver } from './release-plan.resolver.js';
import { RiskAssessmentResolver } from './risk-assessment.resolver.js';
import { RiskFlagResolver } from './risk-flag.resolver.js';

/** Every resolver of the API, listed explicitly. */
export const resolvers: NonEmptyArray<Function> = [
  MeResolver, PrisonerResolver, RiskFlagResolver, RiskAssessmentResolver, ReleasePlanResolver, IntelligenceReportResolver,
  DisclosureLogResolver,
];
