import type pg from 'pg';
import { benchToken } from './issuer.js';

/** The prisoners S3 rotates over (200 with a VEP status, by id): the same for every script that measures the scenarios. */
export async function scenarioPrisonerIds(db: pg.Pool | pg.ClientBase): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status <> 'NONE' ORDER BY id LIMIT 200`);
  return rows.map((r) => r.id);
}

/**
 * The benchmark scenarios (issue 6): each is a GraphQL request as a user sends it, and the
 * hand-written SQL fetching the data the allow-all baseline answers it with — the floor no
 * gateway can beat (the target is the baseline within 2 × of it). What the baseline reads is
 * every record the request asks for, not the part a policy shares (the flags of every agency,
 * of every status): the floor reads that too, only the columns the request selects, and is
 * checked to return the same records before any timing (bench/floor-check.ts).
 */

/**
 * A floor's rows, the baseline's response data and the allow-all peer's (PostGraphile without
 * row-level security, in its own schema's shape), each reduced to the records and values all
 * must hold alike.
 */
export interface SameRecords {
  response: (data: any) => unknown;
  rows: (rows: any[]) => unknown;
  peer: (data: any) => unknown;
}

const sorted = (values: readonly string[] | undefined): string[] | undefined => values && [...values].sort();

export interface Scenario {
  id: 'S1' | 'S2' | 'S3';
  title: string;
  headers: Record<string, string>;
  /** The request body of the i-th request (S3 rotates over prisoners). */
  body: (i: number) => string;
  floor: { text: string; values: (i: number) => unknown[]; same: SameRecords };
}

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
               FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id AND p.withdrawn_at IS NULL LEFT JOIN facility fa ON fa.id = p.facility_id
               WHERE f.withdrawn_at IS NULL
               ORDER BY f.raised_at DESC, f.id DESC LIMIT 50`,
        values: () => [],
        // Each flag's id, summary and prisoner's name and facility, in order.
        same: {
          response: (data) => data.riskFlags.edges.map((e: any) => [e.node.id, e.node.summary, e.node.prisoner?.fullName, e.node.prisoner?.facility?.name ?? null]),
          rows: (rows) => rows.map((r) => [r.id, r.summary, r.full_name, r.facility]),
          peer: (data) => data.riskFlags.edges.map((e: any) => [e.node.rowId, e.node.summary, e.node.prisoner?.fullName, e.node.prisoner?.facility?.name ?? null]),
        },
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
               (SELECT json_agg(json_build_object('category', f.category, 'severity', f.severity, 'summary', f.summary) ORDER BY f.raised_at DESC, f.id DESC)
               FROM risk_flag f WHERE f.prisoner_id = p.id AND f.withdrawn_at IS NULL) AS flags
               FROM release_plan r JOIN prisoner p ON p.id = r.prisoner_id AND p.withdrawn_at IS NULL
               WHERE r.withdrawn_at IS NULL AND r.expected_release_date BETWEEN current_date AND current_date + 90
               ORDER BY r.expected_release_date, r.id LIMIT 50`,
        values: () => [],
        // Each plan's id, prisoner and number of licence conditions, in order, and its prisoner's flags (by summary; the peer orders them by key).
        same: {
          response: (data) => data.releasePlans.edges.map((e: any) => [e.node.id, e.node.prisoner?.prisonNumber, e.node.licenceConditions.length, sorted(e.node.prisoner?.riskFlags.map((f: any) => f.summary))]),
          rows: (rows) => rows.map((r) => [r.id, r.prison_number, r.licence_conditions?.length ?? 0, sorted((r.flags ?? []).map((f: any) => f.summary))]),
          peer: (data) => data.releasePlans.edges.map((e: any) => [e.node.rowId, e.node.prisoner?.prisonNumber, e.node.licenceConditions.nodes.length, sorted(e.node.prisoner?.riskFlags.nodes.map((f: any) => f.summary))]),
        },
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
        text: `SELECT p.id, p.prison_number, p.national_id, p.full_name, p.date_of_birth, p.gender, p.nationality,
               fa.code AS facility_code, fa.name AS facility_name, fa.security_level, p.custody_status, p.vep_status, p.expected_release_date, p.religion,
               p.tlp, p.onward_disclosure,
               (SELECT json_agg(json_build_object('value', n.value, 'script', n.script, 'kind', n.kind) ORDER BY n.kind, n.value)
               FROM prisoner_name n WHERE n.prisoner_id = p.id) AS names,
               (SELECT json_build_object('securityCategory', c.security_category, 'placementApproach', c.placement_approach, 'decidedOn', c.decided_on, 'reviewDate', c.review_date)
               FROM classification c WHERE c.prisoner_id = p.id AND c.withdrawn_at IS NULL ORDER BY c.decided_on DESC, c.id DESC LIMIT 1) AS classification,
               (SELECT json_agg(json_build_object('id', f.id, 'category', f.category, 'severity', f.severity, 'status', f.status, 'basis', f.basis, 'summary', f.summary,
               'raisedAt', f.raised_at, 'reviewDate', f.review_date, 'stale', f.review_date < current_date) ORDER BY f.raised_at DESC, f.id DESC)
               FROM risk_flag f WHERE f.prisoner_id = p.id AND f.withdrawn_at IS NULL) AS flags,
               (SELECT json_build_object('tool', a.tool, 'toolVersion', a.tool_version, 'assessedAt', a.assessed_at, 'overallLevel', a.overall_level, 'domains', a.domains,
               'shareableSummary', a.shareable_summary, 'narrative', a.narrative, 'nextReviewDate', a.next_review_date)
               FROM risk_assessment a WHERE a.prisoner_id = p.id AND a.withdrawn_at IS NULL ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) AS assessment,
               (SELECT json_build_object('expectedReleaseDate', r.expected_release_date, 'releaseType', r.release_type, 'releaseAddress', r.release_address,
               'supervisingOffice', r.supervising_office, 'postReleaseServices', r.post_release_services,
               'licenceConditions', (SELECT json_agg(json_build_object('type', c.type, 'details', c.details) ORDER BY c.position)
               FROM licence_condition c WHERE c.release_plan_id = r.id))
               FROM release_plan r WHERE r.prisoner_id = p.id AND r.withdrawn_at IS NULL ORDER BY r.updated_at DESC, r.id DESC LIMIT 1) AS release_plan,
               (SELECT json_agg(json_build_object('programme', i.programme, 'kind', i.kind, 'status', i.status, 'startedOn', i.started_on, 'endedOn', i.ended_on) ORDER BY i.id DESC)
               FROM intervention i WHERE i.prisoner_id = p.id AND i.withdrawn_at IS NULL) AS interventions,
               (SELECT json_agg(json_build_object('gradingScheme', ir.grading_scheme, 'sourceEvaluation', ir.source_evaluation, 'intelligenceAssessment', ir.intelligence_assessment,
               'handlingCode', ir.handling_code, 'sanitisedText', ir.sanitised_text, 'priority', ir.priority, 'createdAt', ir.created_at,
               'subjects', (SELECT json_agg(s.prisoner_id) FROM intelligence_report_subject s WHERE s.report_id = ir.id)) ORDER BY ir.created_at DESC, ir.id DESC)
               FROM intelligence_report ir
               WHERE ir.withdrawn_at IS NULL AND ir.id IN (SELECT s.report_id FROM intelligence_report_subject s WHERE s.prisoner_id = p.id)) AS reports
               FROM prisoner p LEFT JOIN facility fa ON fa.id = p.facility_id WHERE p.id = $1 AND p.withdrawn_at IS NULL`,
        values: (i) => [prisonerIds[i % prisonerIds.length]],
        // The prisoner, its names, flags (by id, in order), latest assessment, classification, release plan's conditions,
        // interventions and reports with their subjects (those two as sets: the peer orders them otherwise).
        same: {
          response: (data) => {
            const p = data.prisoner;
            return p && [p.id, p.names.length, p.riskFlags.map((f: any) => f.id), p.latestAssessment?.tool ?? null, p.classification?.securityCategory ?? null,
              p.releasePlan ? p.releasePlan.licenceConditions.length : null, sorted(p.interventions.map((i: any) => i.programme)),
              sorted(p.intelligenceReports.map((r: any) => `${r.sanitisedText} ${r.subjects.length}`))];
          },
          rows: ([p]) => p && [p.id, p.names?.length ?? 0, (p.flags ?? []).map((f: any) => f.id), p.assessment?.tool ?? null, p.classification?.securityCategory ?? null,
            p.release_plan ? p.release_plan.licenceConditions?.length ?? 0 : null, sorted((p.interventions ?? []).map((i: any) => i.programme)),
            sorted((p.reports ?? []).map((r: any) => `${r.sanitisedText} ${r.subjects.length}`))],
          peer: (data) => {
            const p = data.prisoner;
            const plan = p?.releasePlans.nodes[0];
            return p && [p.rowId, p.prisonerNames.nodes.length, p.riskFlags.nodes.map((f: any) => f.rowId), p.riskAssessments.nodes[0]?.tool ?? null,
              p.classifications.nodes[0]?.securityCategory ?? null, plan ? plan.licenceConditions.nodes.length : null, sorted(p.interventions.nodes.map((i: any) => i.programme)),
              sorted(p.intelligenceReportSubjects.nodes.map((n: any) => `${n.report.sanitisedText} ${n.report.intelligenceReportSubjectsByReportId.nodes.length}`))];
          },
        },
      },
    },
  ];
}
