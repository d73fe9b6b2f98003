import { describe, expect, it } from 'vitest';
import type { FeedChange } from '../../src/alerts/alert-event.js';
import { matchesFilter } from '../../src/alerts/alert-filter.js';
import { decideDelivery } from '../../src/alerts/delivery-decision.js';
import type { PolicyImage } from '../../src/alerts/policy-image.js';
import { DEMO_CLAUSE, FIXED_NOW, JOURNEYS, dayOffset, demoCompiled, demoSnapshot } from '../support/policy-fixtures.js';

/**
 * Policy at delivery (issue 14, item 4), pure: who is told of a change, as what, under which
 * clause — decided from the record's images before and after the change with the recipient's
 * current ability.
 */

const PRISONER_ID = '00000000-0000-4000-8000-000000000001';
const PLAN_ID = '00000000-0000-4000-8000-000000000002';
const FLAG_ID = '00000000-0000-4000-8000-000000000003';

const prisonerFields = (overrides: Record<string, string | null> = {}): PolicyImage => ({
  ownerAgencyCode: 'PRISONS', withdrawn: false, id: PRISONER_ID, prisonNumber: 'A1', nationalId: null, dateOfBirth: null, gender: null, nationality: null, facilityId: null,
  custodyStatus: 'SENTENCED', vepStatus: 'TERRORISM_CONVICTION', expectedReleaseDate: dayOffset(120),
  updatedAt: '2026-01-01T00:00:00.000Z', tlp: 'GREEN', handlingCode: null, onwardDisclosure: 'NONE', ...overrides,
});

const planImage = (releaseInDays: number, extra: Partial<PolicyImage> = {}): PolicyImage => ({
  ownerAgencyCode: 'PRISONS', withdrawn: false, id: PLAN_ID, prisonerId: PRISONER_ID, expectedReleaseDate: dayOffset(releaseInDays),
  releaseType: 'PAROLE', supervisingOffice: null, tlp: 'GREEN', handlingCode: null, onwardDisclosure: 'NONE',
  prisoner: prisonerFields({ expectedReleaseDate: dayOffset(releaseInDays) }), ...extra,
});

const flagImage = (status: string, severity = 'HIGH', extra: Partial<PolicyImage> = {}): PolicyImage => ({
  ownerAgencyCode: 'PRISONS', withdrawn: false, id: FLAG_ID, prisonerId: PRISONER_ID, category: 'VIOLENCE', severity, status,
  basis: null, raisedAt: '2026-01-01T00:00:00.000Z', reviewDate: null, updatedAt: '2026-01-01T00:00:00.000Z', tlp: 'GREEN',
  handlingCode: null, onwardDisclosure: 'NONE', prisoner: prisonerFields(), ...extra,
});

const change = (overrides: Partial<FeedChange>): FeedChange => ({
  position: 42, subject: 'ReleasePlan', recordId: PLAN_ID, ownerAgencyCode: 'PRISONS', prisonerId: PRISONER_ID, change: 'UPDATE',
  fields: ['expectedReleaseDate'], revision: 2, occurredAt: FIXED_NOW, before: null, after: null, ...overrides,
});

const probation = demoCompiled(JOURNEYS.probationOfficerSupervisionWithCase);
const police = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);
const prisons = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity);

describe('a release date brought forward', () => {
  const broughtForward = change({ before: planImage(120), after: planImage(30) });

  it('reaches the probation officer as RELEASE_DATE_BROUGHT_FORWARD under the release-plan clause, with ids and no content', () => {
    const delivery = decideDelivery(probation, broughtForward);
    expect(delivery).toMatchObject({ deliver: true, clauseIds: [DEMO_CLAUSE.probationReleasePlan] });
    if (!delivery.deliver) throw new Error('not delivered');
    expect(delivery.event).toEqual({
      id: 'evt_42', position: 42, type: 'RELEASE_DATE_BROUGHT_FORWARD', change: 'UPDATE', subject: 'ReleasePlan',
      recordId: PLAN_ID, prisonerId: PRISONER_ID, occurredAt: FIXED_NOW, fields: ['expectedReleaseDate'],
    });
  });

  it('does not reach the police analyst: no clause shares release plans with the police', () => {
    expect(decideDelivery(police, broughtForward)).toEqual({ deliver: false, reason: 'NOT_VISIBLE' });
  });

  it('names the prisoner only to a recipient who may see the prisoner', () => {
    // Probation sees prisoners due within 180 days; a plan whose prisoner record says otherwise keeps its prisoner unnamed.
    const plan = planImage(30, { prisoner: prisonerFields({ expectedReleaseDate: dayOffset(400) }) });
    expect(decideDelivery(probation, change({ before: planImage(120), after: plan }))).toMatchObject({ deliver: true, event: { prisonerId: null } });
  });

  it('reaches the owner\'s security officer (own records, no clause)', () => {
    expect(decideDelivery(prisons, broughtForward)).toMatchObject({ deliver: true, clauseIds: [], event: { type: 'RELEASE_DATE_BROUGHT_FORWARD' } });
  });

  it('a date moved later within the window is RELEASE_DATE_CHANGED', () => {
    expect(decideDelivery(probation, change({ before: planImage(30), after: planImage(90) }))).toMatchObject({ deliver: true, event: { type: 'RELEASE_DATE_CHANGED' } });
  });

  it('reaches nobody under a suspended MoU', () => {
    const suspended = demoCompiled(JOURNEYS.probationOfficerSupervisionWithCase, FIXED_NOW, demoSnapshot({ 'MOU-PRISONS-PROBATION-01': { status: 'SUSPENDED' } }));
    expect(decideDelivery(suspended, broughtForward)).toEqual({ deliver: false, reason: 'NOT_VISIBLE' });
  });
});

describe('NO_LONGER_SHARED', () => {
  it('a release date moved beyond the clause\'s 180 days: NO_LONGER_SHARED to probation, under the clause that allowed it before', () => {
    const delivery = decideDelivery(probation, change({ before: planImage(60), after: planImage(400) }));
    expect(delivery).toMatchObject({ deliver: true, clauseIds: [DEMO_CLAUSE.probationReleasePlan], event: { type: 'NO_LONGER_SHARED', fields: [] } });
  });

  it('a plan that was never in probation\'s window and still is not: nothing', () => {
    expect(decideDelivery(probation, change({ before: planImage(300), after: planImage(400) }))).toEqual({ deliver: false, reason: 'NOT_VISIBLE' });
  });

  it('a flag closed (EXPIRED): NO_LONGER_SHARED to the police analyst who saw it; the owner is told of the update', () => {
    const closed = change({ subject: 'RiskFlag', recordId: FLAG_ID, fields: ['status'], before: flagImage('ACTIVE'), after: flagImage('EXPIRED') });
    expect(decideDelivery(police, closed)).toMatchObject({ deliver: true, event: { type: 'NO_LONGER_SHARED' }, clauseIds: [DEMO_CLAUSE.policeRiskFlag] });
    expect(decideDelivery(prisons, closed)).toMatchObject({ deliver: true, event: { type: 'RECORD_UPDATED', fields: ['status'] } });
  });

  it('a withdrawn flag: NO_LONGER_SHARED to everyone who saw it, its owner\'s staff included; nothing to whoever did not', () => {
    const withdrawn = change({
      subject: 'RiskFlag', recordId: FLAG_ID, change: 'WITHDRAWAL', fields: [], before: flagImage('ACTIVE'), after: flagImage('ACTIVE', 'HIGH', { withdrawn: true }),
    });
    expect(decideDelivery(police, withdrawn)).toMatchObject({ deliver: true, event: { type: 'NO_LONGER_SHARED', change: 'WITHDRAWAL' } });
    expect(decideDelivery(prisons, withdrawn)).toMatchObject({ deliver: true, event: { type: 'NO_LONGER_SHARED' } });
    // Not in probation's window (release in 120 days is within it, so move the prisoner out).
    const outOfWindow = flagImage('ACTIVE', 'HIGH', { prisoner: prisonerFields({ expectedReleaseDate: dayOffset(500) }) });
    expect(decideDelivery(probation, { ...withdrawn, before: outOfWindow, after: { ...outOfWindow, withdrawn: true } })).toEqual({ deliver: false, reason: 'NOT_VISIBLE' });
  });
});

describe('a new flag', () => {
  const raised = change({ subject: 'RiskFlag', recordId: FLAG_ID, change: 'CREATE', fields: ['category', 'severity', 'status'], after: flagImage('ACTIVE', 'VERY_HIGH') });

  it('is NEW_FLAG with its severity where the recipient may see it', () => {
    const delivery = decideDelivery(police, raised);
    expect(delivery).toMatchObject({ deliver: true, event: { type: 'NEW_FLAG' }, facts: { severity: 'VERY_HIGH' } });
    if (!delivery.deliver) throw new Error('not delivered');
    expect(matchesFilter({ minSeverity: 'HIGH' }, delivery, FIXED_NOW)).toBe(true);
    expect(matchesFilter({ minSeverity: 'HIGH' }, { ...delivery, facts: { ...delivery.facts, severity: 'MODERATE' } }, FIXED_NOW)).toBe(false);
    expect(matchesFilter({ subjects: ['ReleasePlan'] }, delivery, FIXED_NOW)).toBe(false);
  });

  it('a change to fields the recipient may not see is not announced to it', () => {
    // Probation's flag clause grants category, severity, summary: not basis.
    const basisOnly = change({ subject: 'RiskFlag', recordId: FLAG_ID, fields: ['basis'], before: flagImage('ACTIVE'), after: flagImage('ACTIVE') });
    expect(decideDelivery(probation, basisOnly)).toEqual({ deliver: false, reason: 'NOTHING_VISIBLE_CHANGED' });
    expect(decideDelivery(police, basisOnly)).toMatchObject({ deliver: true, event: { fields: ['basis'] } });
  });
});

describe('release window filter', () => {
  it('passes a plan due within the window and refuses one beyond it', () => {
    const soon = decideDelivery(probation, change({ before: planImage(120), after: planImage(30) }));
    const later = decideDelivery(probation, change({ before: planImage(30), after: planImage(150) }));
    if (!soon.deliver || !later.deliver) throw new Error('not delivered');
    expect(matchesFilter({ releaseWithinDays: 90 }, soon, FIXED_NOW)).toBe(true);
    expect(matchesFilter({ releaseWithinDays: 90 }, later, FIXED_NOW)).toBe(false);
  });
});

describe('events without images', () => {
  it('are delivered to nobody (fail closed)', () => {
    expect(decideDelivery(prisons, change({ after: null }))).toEqual({ deliver: false, reason: 'NO_IMAGE' });
  });
});

describe('prisoner events', () => {
  const prisonerImage = (overrides: Record<string, string | null> = {}): PolicyImage => prisonerFields(overrides);
  const prisonerChange = (fields: string[], before: PolicyImage, after: PolicyImage): FeedChange =>
    change({ subject: 'Prisoner', recordId: PRISONER_ID, prisonerId: null, fields, before, after });

  it('an escape, a recall and a transfer are typed for the police analyst, who sees custody status and facility', () => {
    expect(decideDelivery(police, prisonerChange(['custodyStatus'], prisonerImage(), prisonerImage({ custodyStatus: 'UNLAWFULLY_AT_LARGE' }))))
      .toMatchObject({ deliver: true, event: { type: 'ESCAPE', prisonerId: PRISONER_ID, fields: ['custodyStatus'] }, clauseIds: [DEMO_CLAUSE.policePrisoner] });
    expect(decideDelivery(police, prisonerChange(['custodyStatus'], prisonerImage({ custodyStatus: 'RELEASED_ON_LICENCE' }), prisonerImage({ custodyStatus: 'RECALLED' }))))
      .toMatchObject({ deliver: true, event: { type: 'RECALL' } });
    const facility = '00000000-0000-4000-8000-0000000000f1';
    expect(decideDelivery(police, prisonerChange(['facility'], prisonerImage(), prisonerImage({ facilityId: facility }))))
      .toMatchObject({ deliver: true, event: { type: 'TRANSFER' } });
  });

  it('the probation officer, whose clause shares identity only, is not told of a custody change at all', () => {
    expect(decideDelivery(probation, prisonerChange(['custodyStatus'], prisonerImage(), prisonerImage({ custodyStatus: 'UNLAWFULLY_AT_LARGE' }))))
      .toEqual({ deliver: false, reason: 'NOTHING_VISIBLE_CHANGED' });
  });
});
