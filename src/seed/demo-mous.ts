import type { OnwardDisclosure, Purpose, Tlp } from '../domain/enums.js';
import type { MouDocument } from '../mou/rules/mou-document.js';

export type { ClauseDocument, MouDocument } from '../mou/rules/mou-document.js';

/**
 * The three MoUs of the demo data set (docs/architecture.md §2.6), as the documents the agencies
 * signed: the shape `liaison mou export` writes and `liaison mou import` reads
 * (src/mou/rules/mou-document.ts; docs/mous/*.yaml are these three, exported).
 * A change here is a change in who can see what: it shows in the policy snapshot test.
 */

/** Identity fields (docs/architecture.md §2.6). */
export const IDENTITY_FIELDS = [
  'id', 'prisonNumber', 'nationalId', 'fullName', 'names', 'dateOfBirth', 'gender', 'nationality',
];

const VEP = { $in: ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP'] };
const DUE_WITHIN_180_DAYS = { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: 180 } };

const POLICE_TERMS = {
  purposes: ['COUNTER_TERRORISM', 'PUBLIC_PROTECTION'] as Purpose[],
  recipientRoles: ['ANALYST', 'OFFICER'],
  maxTlp: 'AMBER' as Tlp,
  onwardDisclosure: 'WITH_ORIGINATOR_CONSENT' as OnwardDisclosure,
  retentionDays: 730,
  caseReferenceRequired: false,
};

const PROBATION_TERMS = {
  purposes: ['SUPERVISION', 'RELEASE_PLANNING'] as Purpose[],
  recipientRoles: ['PROBATION_OFFICER'],
  maxTlp: 'AMBER' as Tlp,
  onwardDisclosure: 'NONE' as OnwardDisclosure,
  retentionDays: 365,
  caseReferenceRequired: true,
};

export const DEMO_MOUS: readonly MouDocument[] = [
  {
    reference: 'MOU-PRISONS-POLICE-01',
    version: 1,
    title: 'Sharing of risk information on violent extremist prisoners with the Counter-Terrorism Unit',
    provider: 'PRISONS',
    recipient: 'POLICE',
    legalBasis: 'Prisons Act s. 12(3); Counter-Terrorism Act s. 41 — prevention of terrorist offences',
    purposes: ['COUNTER_TERRORISM', 'PUBLIC_PROTECTION'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2028-12-31T23:59:59.000Z',
    clauses: [
      {
        label: 'VEP identity and custody',
        subject: 'Prisoner',
        fields: [...IDENTITY_FIELDS, 'vepStatus', 'facility', 'custodyStatus', 'expectedReleaseDate'],
        conditions: { vepStatus: VEP },
        ...POLICE_TERMS,
      },
      {
        label: 'Active risk flags of VEPs',
        subject: 'RiskFlag',
        fields: ['id', 'category', 'severity', 'status', 'basis', 'summary', 'raisedAt', 'reviewDate', 'updatedAt'],
        conditions: { status: 'ACTIVE', 'prisoner.vepStatus': VEP },
        ...POLICE_TERMS,
      },
      {
        label: 'Risk assessment headline of VEPs',
        subject: 'RiskAssessment',
        fields: ['id', 'tool', 'assessedAt', 'overallLevel', 'nextReviewDate'],
        conditions: { 'prisoner.vepStatus': VEP },
        ...POLICE_TERMS,
      },
    ],
  },
  {
    reference: 'MOU-PRISONS-PROBATION-01',
    version: 1,
    title: 'Release planning and supervision of prisoners due for release',
    provider: 'PRISONS',
    recipient: 'PROBATION',
    legalBasis: 'Offender Management Act s. 14 — duty to co-operate in release and supervision',
    purposes: ['SUPERVISION', 'RELEASE_PLANNING'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2028-12-31T23:59:59.000Z',
    clauses: [
      {
        label: 'Identity of prisoners due for release within 180 days',
        subject: 'Prisoner',
        fields: [...IDENTITY_FIELDS],
        conditions: { expectedReleaseDate: DUE_WITHIN_180_DAYS },
        ...PROBATION_TERMS,
      },
      {
        label: 'Release plans due within 180 days',
        subject: 'ReleasePlan',
        fields: ['id', 'expectedReleaseDate', 'releaseType', 'releaseAddress', 'supervisingOffice', 'licenceConditions', 'postReleaseServices'],
        conditions: { expectedReleaseDate: DUE_WITHIN_180_DAYS },
        ...PROBATION_TERMS,
      },
      {
        label: 'Active risk flags of prisoners due for release',
        subject: 'RiskFlag',
        fields: ['id', 'category', 'severity', 'summary'],
        conditions: { status: 'ACTIVE', 'prisoner.expectedReleaseDate': DUE_WITHIN_180_DAYS },
        ...PROBATION_TERMS,
      },
      {
        label: 'Risk assessment with shareable summary, prisoners due for release',
        subject: 'RiskAssessment',
        fields: ['id', 'tool', 'assessedAt', 'overallLevel', 'shareableSummary', 'nextReviewDate'],
        conditions: { 'prisoner.expectedReleaseDate': DUE_WITHIN_180_DAYS },
        ...PROBATION_TERMS,
      },
      {
        label: 'Interventions of prisoners due for release',
        subject: 'Intervention',
        fields: ['id', 'programme', 'kind', 'status', 'startedOn', 'endedOn'],
        conditions: { 'prisoner.expectedReleaseDate': DUE_WITHIN_180_DAYS },
        ...PROBATION_TERMS,
      },
    ],
  },
  {
    reference: 'MOU-POLICE-PRISONS-01',
    version: 1,
    title: 'Graded intelligence for prison security',
    provider: 'POLICE',
    recipient: 'PRISONS',
    legalBasis: 'Police Act s. 7 — disclosure for the prevention of crime in custody',
    purposes: ['PRISON_SECURITY'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2028-12-31T23:59:59.000Z',
    clauses: [
      {
        label: 'Intelligence reports with handling code P',
        subject: 'IntelligenceReport',
        fields: ['id', 'gradingScheme', 'sourceEvaluation', 'intelligenceAssessment', 'handlingCode', 'sanitisedText', 'priority', 'createdAt'],
        conditions: { handlingCode: 'P' },
        purposes: ['PRISON_SECURITY'],
        recipientRoles: ['SECURITY_OFFICER'],
        maxTlp: 'AMBER_STRICT',
        onwardDisclosure: 'NONE',
        retentionDays: 365,
        caseReferenceRequired: false,
      },
    ],
  },
];
