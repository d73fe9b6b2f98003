import { benchToken } from './issuer.js';

/**
 * The benchmark scenarios (issue 6): each is a GraphQL request as a user sends it, and the
 * hand-written SQL fetching the same data — the floor no gateway can beat.
 */

export interface Scenario {
  id: 'S1' | 'S2' | 'S3';
  title: string;
  headers: Record<string, string>;
  /** The request body of the i-th request (S3 rotates over prisoners). */
  body: (i: number) => string;
  floor: { text: string; values: (i: number) => unknown[] };
}

const VEP = `('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP')`;
const json = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

export function scenarios(prisonerIds: readonly string[]): Scenario[] {
  const s1Query = `query S1 { riskFlags(first: 50) { edges { node {
    id category severity status summary raisedAt prisoner { fullName facility { name } expectedReleaseDate } } } } }`;
  const s2Query = `query S2 { releasePlans(filter: { releaseWithinDays: 90 }, first: 50) { edges { node {
    id expectedReleaseDate releaseType releaseAddress supervisingOffice licenceConditions { type details }
    prisoner { fullName prisonNumber riskFlags { category severity summary } } } } } }`;
  const s3Query = `query S3($id: ID!) { prisoner(id: $id) {
    id prisonNumber nationalId fullName names { value script kind } dateOfBirth gender nationality
    facility { code name securityLevel } custodyStatus vepStatus expectedReleaseDate religion
    classification { securityCategory placementApproach decidedOn reviewDate }
    riskFlags { id category severity status basis summary raisedAt reviewDate stale }
    latestAssessment { tool toolVersion assessedAt overallLevel domains { code rating } shareableSummary narrative nextReviewDate }
    releasePlan { expectedReleaseDate releaseType releaseAddress supervisingOffice licenceConditions { type details } postReleaseServices }
    interventions { programme kind status startedOn endedOn }
    intelligenceReports { gradingScheme sourceEvaluation intelligenceAssessment handlingCode sanitisedText priority createdAt subjects { id } }
    handling { tlp onwardDisclosure } } }`;

  return [
    {
      id: 'S1',
      title: 'police analyst: riskFlags first 50 + prisoner name, facility, release date',
      headers: {
        authorization: `Bearer ${benchToken('POLICE', ['ANALYST'], 'bench-analyst')}`,
        'liaison-purpose': 'COUNTER_TERRORISM',
      },
      body: () => json(s1Query),
      floor: {
        text: `SELECT f.id, f.category, f.severity, f.status, f.summary, f.raised_at, p.full_name, fa.name AS facility, p.expected_release_date
                 FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id LEFT JOIN facility fa ON fa.id = p.facility_id
                WHERE f.owner_agency_code = 'PRISONS' AND f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER')
                  AND p.vep_status IN ${VEP}
                ORDER BY f.raised_at DESC, f.id DESC LIMIT 50`,
        values: () => [],
      },
    },
    {
      id: 'S2',
      title: 'probation officer: releasePlans within 90 days first 50 + licence conditions + active flags',
      headers: {
        authorization: `Bearer ${benchToken('PROBATION', ['PROBATION_OFFICER'], 'bench-po')}`,
        'liaison-purpose': 'SUPERVISION',
        'liaison-case-reference': 'BENCH-CASE-1',
      },
      body: () => json(s2Query),
      floor: {
        text: `SELECT r.id, r.expected_release_date, r.release_type, r.release_address, r.supervising_office, p.full_name, p.prison_number,
                      (SELECT json_agg(json_build_object('type', c.type, 'details', c.details) ORDER BY c.position)
                         FROM licence_condition c WHERE c.release_plan_id = r.id) AS licence_conditions,
                      (SELECT json_agg(json_build_object('category', f.category, 'severity', f.severity, 'summary', f.summary))
                         FROM risk_flag f WHERE f.prisoner_id = p.id AND f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER')) AS flags
                 FROM release_plan r JOIN prisoner p ON p.id = r.prisoner_id
                WHERE r.owner_agency_code = 'PRISONS' AND r.tlp IN ('CLEAR','GREEN','AMBER')
                  AND r.expected_release_date BETWEEN current_date AND current_date + 90
                ORDER BY r.expected_release_date, r.id LIMIT 50`,
        values: () => [],
      },
    },
    {
      id: 'S3',
      title: 'prison security officer: prisoner(id) with everything nested',
      headers: {
        authorization: `Bearer ${benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-so')}`,
        'liaison-purpose': 'PRISON_SECURITY',
      },
      body: (i) => json(s3Query, { id: prisonerIds[i % prisonerIds.length] }),
      floor: {
        text: `SELECT p.*, fa.code, fa.name, fa.security_level,
                 (SELECT json_agg(n) FROM prisoner_name n WHERE n.prisoner_id = p.id) AS names,
                 (SELECT row_to_json(c) FROM classification c WHERE c.prisoner_id = p.id ORDER BY c.decided_on DESC LIMIT 1) AS classification,
                 (SELECT json_agg(f ORDER BY f.raised_at DESC) FROM risk_flag f WHERE f.prisoner_id = p.id) AS flags,
                 (SELECT row_to_json(a) FROM risk_assessment a WHERE a.prisoner_id = p.id ORDER BY a.assessed_at DESC LIMIT 1) AS assessment,
                 (SELECT json_build_object('plan', row_to_json(r), 'conditions',
                         (SELECT json_agg(c ORDER BY c.position) FROM licence_condition c WHERE c.release_plan_id = r.id))
                    FROM release_plan r WHERE r.prisoner_id = p.id ORDER BY r.updated_at DESC LIMIT 1) AS release_plan,
                 (SELECT json_agg(i) FROM intervention i WHERE i.prisoner_id = p.id) AS interventions,
                 (SELECT json_agg(json_build_object('report', row_to_json(ir), 'subjects',
                         (SELECT json_agg(s2.prisoner_id) FROM intelligence_report_subject s2 WHERE s2.report_id = ir.id)))
                    FROM intelligence_report ir JOIN intelligence_report_subject s ON s.report_id = ir.id
                   WHERE s.prisoner_id = p.id AND ir.handling_code = 'P' AND ir.tlp <> 'RED') AS reports
               FROM prisoner p LEFT JOIN facility fa ON fa.id = p.facility_id WHERE p.id = $1`,
        values: (i) => [prisonerIds[i % prisonerIds.length]],
      },
    },
  ];
}
