import { describe, expect, it } from 'vitest';
import { MOU_STATUSES, type MouStatus } from '../../src/domain/enums.js';
import {
  actorKey, awaitingApproval, canSeeMou, canTransition, commandRefusal, draftRefusal, isFinal, MOU_TRANSITIONS,
  statusAfterEdit, statusesAfterApproval, timeTransition, type MouActor, type MouCommand, type MouLifecycleState,
} from '../../src/mou/rules/mou-lifecycle.js';

const NOW = new Date('2026-03-15T10:30:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const mou = (overrides: Partial<MouLifecycleState> = {}): MouLifecycleState => ({
  reference: 'MOU-PRISONS-POLICE-09',
  version: 1,
  status: 'DRAFT',
  providerAgencyCode: 'PRISONS',
  recipientAgencyCode: 'POLICE',
  validFrom: at(-86_400_000),
  validUntil: null,
  suspendedByAgencyCode: null,
  authors: [actorKey('PRISONS', 'drafter')],
  approvals: [],
  ...overrides,
});

const issuerOf = (agencyCode: string) => `urn:liaison:dev:${agencyCode}`;
const actor = (agencyCode: string, userId: string, roles: string[] = ['MOU_ADMIN'], oversight = false): MouActor =>
  ({ agencyCode, userId, issuer: issuerOf(agencyCode), roles, oversight });
const approval = (agencyCode: string, userId: string, issuer: string | null = issuerOf(agencyCode)) => ({ agencyCode, userId, issuer });
const provider = actor('PRISONS', 'p-2');
const drafter = actor('PRISONS', 'drafter');
const recipient = actor('POLICE', 'r-1');
const outsider = actor('PROBATION', 'x-1');
const auditor = actor('INSPECTORATE', 'a-1', ['AUDITOR'], true);

const COMMANDS: MouCommand[] = ['UPDATE_DRAFT', 'ADD_CLAUSE', 'UPDATE_CLAUSE', 'REMOVE_CLAUSE', 'SUBMIT', 'APPROVE', 'SUSPEND', 'RESUME', 'TERMINATE', 'AMEND'];

describe('the status graph', () => {
  it('has three final statuses and reaches every status from DRAFT', () => {
    expect(MOU_STATUSES.filter(isFinal)).toEqual(['EXPIRED', 'TERMINATED', 'SUPERSEDED']);
    const reached = new Set<MouStatus>(['DRAFT']);
    for (let changed = true; changed;) {
      changed = false;
      for (const from of [...reached]) for (const to of MOU_TRANSITIONS[from]) if (!reached.has(to)) { reached.add(to); changed = true; }
    }
    expect([...reached].sort()).toEqual([...MOU_STATUSES].sort());
  });

  it('never returns to DRAFT once approved, and never leaves a final status', () => {
    for (const from of ['APPROVED', 'ACTIVE', 'SUSPENDED'] as const) expect(canTransition(from, 'DRAFT')).toBe(false);
    for (const from of ['EXPIRED', 'TERMINATED', 'SUPERSEDED'] as const) {
      for (const to of MOU_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
    expect(canTransition('DRAFT', 'ACTIVE')).toBe(false);
    expect(canTransition('PENDING_APPROVAL', 'ACTIVE')).toBe(false);
  });
});

describe('who may do what, when', () => {
  it('answers an outsider NOT_FOUND for every command, and shows the MoU to parties and auditors only', () => {
    for (const command of COMMANDS) {
      expect(commandRefusal(command, outsider, mou({ status: 'ACTIVE' }), NOW, { reason: 'r' })).toEqual({ code: 'NOT_FOUND', rule: 'NOT_A_PARTY', message: 'MoU not found' });
    }
    expect(canSeeMou(outsider, mou())).toBe(false);
    expect(canSeeMou(auditor, mou())).toBe(true);
    expect(canSeeMou(actor('POLICE', 'analyst', ['ANALYST']), mou())).toBe(true);
  });

  it('needs the MOU_ADMIN role of a party: auditors and other staff see but do not act', () => {
    for (const who of [auditor, actor('POLICE', 'analyst', ['ANALYST'])]) {
      expect(commandRefusal('SUSPEND', who, mou({ status: 'ACTIVE' }), NOW, { reason: 'r' })).toMatchObject({ code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED' });
    }
    expect(draftRefusal(actor('PRISONS', 'so', ['SECURITY_OFFICER']))).toMatchObject({ code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED' });
    expect(draftRefusal(provider)).toBeNull();
  });

  it('keeps drafting, submission and amendment with the provider', () => {
    for (const command of ['UPDATE_DRAFT', 'ADD_CLAUSE', 'UPDATE_CLAUSE', 'REMOVE_CLAUSE', 'SUBMIT'] as const) {
      expect(commandRefusal(command, recipient, mou(), NOW)).toMatchObject({ rule: 'PROVIDER_ONLY' });
      expect(commandRefusal(command, provider, mou(), NOW)).toBeNull();
    }
    expect(commandRefusal('AMEND', recipient, mou({ status: 'ACTIVE' }), NOW)).toMatchObject({ rule: 'PROVIDER_ONLY' });
    expect(commandRefusal('AMEND', provider, mou({ status: 'ACTIVE' }), NOW)).toBeNull();
  });

  it.each([
    ['UPDATE_DRAFT', ['DRAFT', 'PENDING_APPROVAL']],
    ['SUBMIT', ['DRAFT']],
    ['APPROVE', ['PENDING_APPROVAL']],
    ['SUSPEND', ['ACTIVE']],
    ['RESUME', ['SUSPENDED']],
    ['TERMINATE', ['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'SUSPENDED']],
    ['AMEND', ['ACTIVE', 'SUSPENDED']],
  ] as const)('%s applies only in %j', (command, statuses) => {
    for (const status of MOU_STATUSES) {
      const state = mou({ status, suspendedByAgencyCode: status === 'SUSPENDED' ? 'PRISONS' : null });
      const refusal = commandRefusal(command, provider, state, NOW, { reason: 'because' });
      if ((statuses as readonly string[]).includes(status)) expect(refusal, status).toBeNull();
      else expect(refusal, status).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STATUS', message: expect.stringContaining(`is ${status}`) });
    }
  });

  it('needs a reason to suspend or terminate', () => {
    for (const command of ['SUSPEND', 'TERMINATE'] as const) {
      for (const reason of [undefined, null, '', '   ']) {
        expect(commandRefusal(command, recipient, mou({ status: 'ACTIVE' }), NOW, { reason })).toMatchObject({ rule: 'REASON_REQUIRED' });
      }
      expect(commandRefusal(command, recipient, mou({ status: 'ACTIVE' }), NOW, { reason: 'breach' })).toBeNull();
      expect(commandRefusal(command, recipient, mou({ status: 'ACTIVE' }), NOW, { reason: 'x'.repeat(2_001) })).toMatchObject({ rule: 'REASON_REQUIRED', message: expect.stringContaining('at most 2000') });
    }
  });

  it('lets only the suspending party resume', () => {
    const suspended = mou({ status: 'SUSPENDED', suspendedByAgencyCode: 'POLICE' });
    expect(commandRefusal('RESUME', provider, suspended, NOW)).toMatchObject({ code: 'FORBIDDEN', rule: 'SUSPENDING_PARTY_RESUMES', message: expect.stringContaining('suspended by POLICE') });
    expect(commandRefusal('RESUME', recipient, suspended, NOW)).toBeNull();
    expect(commandRefusal('RESUME', recipient, { ...suspended, validUntil: at(-1) }, NOW)).toMatchObject({ rule: 'VALIDITY_ENDED' });
  });
});

describe('approval', () => {
  const pending = (approvals: MouLifecycleState['approvals'] = [], overrides: Partial<MouLifecycleState> = {}) =>
    mou({ status: 'PENDING_APPROVAL', approvals, ...overrides });

  it('refuses the drafter, or anyone who edited the version (four eyes)', () => {
    expect(commandRefusal('APPROVE', drafter, pending(), NOW)).toMatchObject({ code: 'FORBIDDEN', rule: 'AUTHOR_MAY_NOT_APPROVE' });
    const edited = pending([], { authors: [actorKey('PRISONS', 'drafter'), actorKey('PRISONS', 'p-2')] });
    expect(commandRefusal('APPROVE', provider, edited, NOW)).toMatchObject({ rule: 'AUTHOR_MAY_NOT_APPROVE' });
    // The same user name at the other agency is another person (the issuer binds the agency)…
    expect(commandRefusal('APPROVE', actor('POLICE', 'drafter'), pending(), NOW)).toBeNull();
  });

  it('refuses one person (issuer and subject) approving for both parties, and a second approval for a party', () => {
    const byP2 = pending([approval('PRISONS', 'p-2')]);
    // The same issuer and subject, acting for the other party (the issuer was re-bound in between).
    expect(commandRefusal('APPROVE', { ...actor('POLICE', 'p-2'), issuer: issuerOf('PRISONS') }, byP2, NOW))
      .toMatchObject({ code: 'FORBIDDEN', rule: 'ONE_PERSON_ONE_APPROVAL' });
    // The same user name from another agency's identity provider is another person.
    expect(commandRefusal('APPROVE', actor('POLICE', 'p-2'), byP2, NOW)).toBeNull();
    expect(commandRefusal('APPROVE', actor('POLICE', 'p-2'), pending([approval('PRISONS', 'p-2', null)]), NOW)).toBeNull();
    expect(commandRefusal('APPROVE', actor('PRISONS', 'p-3'), byP2, NOW)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ALREADY_APPROVED', message: expect.stringContaining('by p-2') });
    expect(commandRefusal('APPROVE', recipient, byP2, NOW)).toBeNull();
  });

  it('refuses approving a text whose validity has ended', () => {
    expect(commandRefusal('APPROVE', recipient, pending([], { validUntil: NOW }), NOW)).toMatchObject({ rule: 'VALIDITY_ENDED' });
    expect(commandRefusal('SUBMIT', provider, mou({ validUntil: at(-5) }), NOW)).toMatchObject({ rule: 'VALIDITY_ENDED' });
  });

  it('becomes APPROVED with both parties, and ACTIVE at once when validity has begun', () => {
    const both = [approval('PRISONS', 'p-2'), approval('POLICE', 'r-1')];
    expect(statusesAfterApproval(pending(both.slice(0, 1)), NOW)).toEqual([]);
    expect(statusesAfterApproval(pending(both), NOW)).toEqual(['APPROVED', 'ACTIVE']);
    expect(statusesAfterApproval(pending(both, { validFrom: at(60_000) }), NOW)).toEqual(['APPROVED']);
    expect(statusesAfterApproval(pending(both, { validFrom: NOW }), NOW)).toEqual(['APPROVED', 'ACTIVE']);
    expect(awaitingApproval(pending(both.slice(1)))).toEqual(['PRISONS']);
    expect(awaitingApproval(mou({ status: 'ACTIVE' }))).toEqual([]);
  });
});

describe('time', () => {
  it('activates an APPROVED MoU at validFrom and expires APPROVED, ACTIVE and SUSPENDED ones at validUntil', () => {
    expect(timeTransition(mou({ status: 'APPROVED', validFrom: at(1) }), NOW)).toBeNull();
    expect(timeTransition(mou({ status: 'APPROVED', validFrom: NOW }), NOW)).toBe('ACTIVE');
    for (const status of ['APPROVED', 'ACTIVE', 'SUSPENDED'] as const) {
      expect(timeTransition(mou({ status, validUntil: at(1) }), NOW), status).toBe(status === 'APPROVED' ? 'ACTIVE' : null);
      expect(timeTransition(mou({ status, validUntil: NOW }), NOW), status).toBe('EXPIRED');
    }
    for (const status of ['DRAFT', 'PENDING_APPROVAL', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'] as const) {
      expect(timeTransition(mou({ status, validFrom: at(-10), validUntil: at(-5) }), NOW)).toBeNull();
    }
  });

  it('sends an edited PENDING_APPROVAL MoU back to DRAFT', () => {
    expect(statusAfterEdit('PENDING_APPROVAL')).toBe('DRAFT');
    expect(statusAfterEdit('DRAFT')).toBe('DRAFT');
  });
});
