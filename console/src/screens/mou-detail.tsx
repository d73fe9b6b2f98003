import { useContext, useState } from 'react';
import { Button, Heading } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { graphql } from '../api.js';
import { ErrorAlert, Field, ModalDialog, Notice, SelectField, SimpleTable, StatusBadge } from '../components/ui.js';
import { download, formatDate, formatDateTime } from '../format.js';
import { LanguageContext, useT, type Translate } from '../i18n/i18n.js';
import {
  ADMIN_EVENTS, AMEND, APPROVE, MOU_BY_ID, MOU_CLAUSES, MOU_IMPACT, REMOVE_CLAUSE, RESUME, SUBMIT, SUSPEND, TERMINATE,
  type AdminEvent, type Mou, type MouClause,
} from '../mou-queries.js';
import { describeClause, describeHandling } from '../plain-language.js';
import { ClauseEditor } from './clause-editor.js';
import { TermsEditor } from './terms-editor.js';
import { ImpactTable, type Impact } from './impact-table.js';
import { useQuery } from './use-query.js';

/** Actions confirmed in a dialog with a reason, recorded in the MoU's admin log; suspend and terminate require one. */
type ReasonAction = 'submit' | 'amend' | 'suspend' | 'resume' | 'terminate';
const REASON_REQUIRED = new Set<ReasonAction>(['suspend', 'terminate']);
const QUERIES: Record<ReasonAction, string> = { submit: SUBMIT, amend: AMEND, suspend: SUSPEND, resume: RESUME, terminate: TERMINATE };
const FINAL = new Set(['EXPIRED', 'TERMINATED', 'SUPERSEDED']);

export default function MouDetail({ id, session, navigate }: ScreenProps & { id: string }) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const { data, error, reload: reloadMou } = useQuery<{ mou: Mou | null }>(session, MOU_BY_ID, { id });
  // Each change is read back in full, and the MoU's admin log below is read again (remounted).
  const [revision, setRevision] = useState(0);
  const reload = async () => { await reloadMou(); setRevision((r) => r + 1); };
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<MouClause | 'new' | 'terms' | null>(null);
  const [reasonAction, setReasonAction] = useState<ReasonAction | null>(null);
  const [approving, setApproving] = useState(false);
  const mou = data?.mou;
  if (error) return <section><h1 tabIndex={-1}>{t('mou.title')}</h1><ErrorAlert error={error} /></section>;
  if (!mou) return <p>{t('common.loading')}</p>;

  const admin = session.roles.includes('MOU_ADMIN');
  const party = mou.provider.code === session.agency.code || mou.recipient.code === session.agency.code;
  const providerAdmin = admin && mou.provider.code === session.agency.code;
  const editable = providerAdmin && (mou.status === 'DRAFT' || mou.status === 'PENDING_APPROVAL');
  const mayApprove = admin && mou.status === 'PENDING_APPROVAL' && mou.awaitingApprovalFrom.some((a) => a.code === session.agency.code);

  const act = async (query: string, variables: Record<string, unknown>, done: string) => {
    setActionError(null);
    try {
      const result = Object.values(await graphql<Record<string, { id: string }>>(session, query, variables))[0]!;
      if (result.id !== mou.id) navigate({ name: 'mou', id: result.id });
      else await reload();
      setNotice(done);
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    }
  };

  return (
    <section aria-labelledby="mou-heading">
      <h1 id="mou-heading" tabIndex={-1}>{t('mou.referenceVersion', { reference: mou.reference, version: mou.version })} — {mou.title}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorAlert error={actionError} />
      <dl className="facts">
        <dt>{t('mou.status')}</dt><dd><StatusBadge status={mou.status} />{mou.statusReason ? ` — ${mou.statusReason}` : ''}{mou.suspendedBy ? ` (${t('mou.suspendedBy', { agency: mou.suspendedBy.code })})` : ''}</dd>
        <dt>{t('mou.parties')}</dt><dd>{t('mou.partiesLong', { provider: `${mou.provider.name} (${mou.provider.code})`, recipient: `${mou.recipient.name} (${mou.recipient.code})` })}</dd>
        <dt>{t('mou.validity')}</dt><dd>{t('mou.validityValue', { from: formatDate(mou.validFrom, language), until: mou.validUntil ? formatDate(mou.validUntil, language) : t('mou.openEnded') })}</dd>
        <dt>{t('mou.purposes')}</dt><dd>{mou.purposes.map((p) => t(`purpose.${p}` as never)).join(', ')}</dd>
        <dt>{t('mou.legalBasis')}</dt><dd>{mou.legalBasis}</dd>
        <dt>{t('mou.awaiting')}</dt><dd>{mou.awaitingApprovalFrom.map((a) => a.code).join(', ') || '—'}</dd>
        <dt>{t('mou.authors')}</dt><dd>{mou.authors.join(', ')}</dd>
      </dl>

      <div className="toolbar" role="group" aria-label={t('mou.actions')}>
        {editable && editing === null ? <Button className="button secondary" onPress={() => setEditing('terms')}>{t('terms.edit')}</Button> : null}
        {editable && editing === null ? <Button className="button" onPress={() => setEditing('new')}>{t('mou.addClause')}</Button> : null}
        {providerAdmin && mou.status === 'DRAFT' ? <Button className="button" onPress={() => setReasonAction('submit')}>{t('mou.submit')}</Button> : null}
        {mayApprove ? <Button className="button" onPress={() => setApproving(true)}>{t('mou.reviewAndApprove')}</Button> : null}
        {admin && party && mou.status === 'ACTIVE' ? <Button className="button danger" onPress={() => setReasonAction('suspend')}>{t('mou.suspend')}</Button> : null}
        {admin && party && mou.status === 'SUSPENDED' ? <Button className="button" onPress={() => setReasonAction('resume')}>{t('mou.resume')}</Button> : null}
        {providerAdmin && (mou.status === 'ACTIVE' || mou.status === 'SUSPENDED') ? <Button className="button secondary" onPress={() => setReasonAction('amend')}>{t('mou.amend')}</Button> : null}
        {admin && party && !FINAL.has(mou.status) ? <Button className="button danger" onPress={() => setReasonAction('terminate')}>{t('mou.terminate')}</Button> : null}
        <Button className="button secondary" onPress={() => {
          import('./mou-yaml.js').then(({ mouToYaml }) => download(`${mou.reference}-v${mou.version}.yaml`, mouToYaml(mou), 'application/yaml')).catch(setActionError);
        }}>{t('mou.exportYaml')}</Button>
      </div>

      {editing === 'terms' ? (
        <TermsEditor session={session} mou={mou} onCancel={() => setEditing(null)}
          onSaved={() => { setEditing(null); void reload().then(() => setNotice(t('terms.saved'))); }} />
      ) : editing !== null ? (
        <ClauseEditor session={session} mou={mou} clause={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => { setEditing(null); void reload().then(() => setNotice(t('clause.saved'))); }} />
      ) : null}

      <Heading level={2}>{t('mou.inPlainLanguage')}</Heading>
      {mou.clauses.length === 0 ? <p>{t('mou.noClauses')}</p> : (
        <ol className="clauses">
          {mou.clauses.map((c) => (
            <li key={c.id}>
              <h3>{c.label}</h3>
              <p className="plain">{describeClause(c, mou.recipient.code, t)}</p>
              <p className="description">{describeHandling(c, t)}</p>
              {editable && editing === null ? (
                <div className="toolbar">
                  <Button className="button secondary" onPress={() => setEditing(c)} aria-label={t('clause.editNamed', { label: c.label })}>{t('clause.edit')}</Button>
                  <Button className="button secondary" onPress={() => void act(REMOVE_CLAUSE, { clauseId: c.id }, t('clause.removed'))}
                    aria-label={t('clause.removeNamed', { label: c.label })}>{t('clause.remove')}</Button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <Heading level={2}>{t('mou.approvals')}</Heading>
      {mou.approvals.length === 0 ? <p>{t('mou.noApprovals')}</p> : (
        <SimpleTable caption={t('mou.approvals')} captionHidden
          headers={[t('mou.agency'), t('mou.user'), t('mou.approvedAt'), t('mou.voided')]}
          rows={mou.approvals.map((a) => [a.agency.code, a.userId, formatDateTime(a.approvedAt, language),
            a.voidedAt ? t('mou.voidedValue', { at: formatDateTime(a.voidedAt, language), reason: a.voidReason ?? '' }) : '—'])} />
      )}

      <Versions session={session} mou={mou} t={t} navigate={navigate} revision={revision} />
      <MouAdminLog key={revision} session={session} mou={mou} />

      <ReasonDialog action={reasonAction} onClose={() => setReasonAction(null)}
        onConfirm={async (action, reason) => {
          const ok = await act(QUERIES[action], { id: mou.id, reason: reason || null }, t(`mou.${action}Done` as never));
          if (ok) setReasonAction(null);
          return ok;
        }} />
      {approving ? (
        <ApproveDialog session={session} mou={mou} onClose={() => setApproving(false)}
          onApprove={async (reason) => { if (await act(APPROVE, { id: mou.id, reason: reason || null }, t('mou.approved'))) setApproving(false); }} />
      ) : null}
    </section>
  );
}

function ReasonDialog({ action, onClose, onConfirm }: {
  action: ReasonAction | null; onClose(): void; onConfirm(action: ReasonAction, reason: string): Promise<boolean>;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  if (!action) return null;
  const required = REASON_REQUIRED.has(action);
  const danger = action === 'suspend' || action === 'terminate';
  return (
    <ModalDialog isOpen onClose={() => { setReason(''); setMissing(false); onClose(); }} title={t(`mou.${action}Title` as never)}
      actions={
        <Button className={`button${danger ? ' danger' : ''}`} onPress={async () => {
          if (required && !reason.trim()) { setMissing(true); return; }
          if (await onConfirm(action, reason.trim())) { setReason(''); setMissing(false); }
        }}>{t(`mou.${action}` as never)}</Button>
      }>
      <p>{t(`mou.${action}Explain` as never)}</p>
      <ReasonField value={reason} onChange={(r) => { setReason(r); setMissing(false); }} required={required} missing={missing} />
    </ModalDialog>
  );
}

/** The reason of a lifecycle action (at most 2,000 characters, as the gateway bounds it); by default it has the focus when its dialog opens. */
function ReasonField({ value, onChange, required, missing = false, autoFocus = true }: {
  value: string; onChange(value: string): void; required: boolean; missing?: boolean; autoFocus?: boolean;
}) {
  const t = useT();
  return (
    <Field label={t('mou.reason')} value={value} onChange={onChange} multiline isRequired={required}
      description={required ? undefined : t('mou.reasonOptional')} error={missing ? t('mou.reasonRequired') : undefined} autoFocus={autoFocus} />
  );
}

function ApproveDialog({ session, mou, onClose, onApprove }: {
  session: ScreenProps['session']; mou: Mou; onClose(): void; onApprove(reason: string): Promise<void>;
}) {
  const t = useT();
  const { data, error } = useQuery<{ mouImpact: Impact }>(session, MOU_IMPACT, { id: mou.id });
  const [reason, setReason] = useState('');
  return (
    <ModalDialog isOpen wide onClose={onClose} title={t('impact.title', { reference: mou.reference, version: mou.version })}
      actions={<Button className="button" isDisabled={!data} onPress={() => void onApprove(reason.trim())}>{t('mou.approve')}</Button>}>
      <p>{t('impact.explain', { recipient: mou.recipient.code })}</p>
      <ErrorAlert error={error} />
      {data ? <ImpactTable impact={data.mouImpact} /> : error ? null : <p>{t('common.loading')}</p>}
      {/* The impact is read first: the reason field does not take the focus. */}
      <ReasonField value={reason} onChange={setReason} required={false} autoFocus={false} />
    </ModalDialog>
  );
}

function Versions({ session, mou, t, navigate, revision }: { session: ScreenProps['session']; mou: Mou; t: Translate; navigate: ScreenProps['navigate']; revision: number }) {
  const versions = [...mou.versions].sort((a, b) => a.version - b.version);
  const [from, setFrom] = useState<string | null>(versions.length > 1 ? String(versions[versions.length - 2]!.version) : null);
  const [to, setTo] = useState<string | null>(String(mou.version));
  const a = versions.find((v) => String(v.version) === from);
  const b = versions.find((v) => String(v.version) === to);
  const options = versions.map((v) => ({ id: String(v.version), label: t('mou.versionN', { version: v.version }) }));
  return (
    <>
      <Heading level={2}>{t('mou.versions')}</Heading>
      <ul className="plain">
        {versions.map((v) => (
          <li key={v.id}>
            <Button className="link-button" onPress={() => navigate({ name: 'mou', id: v.id })} isDisabled={v.id === mou.id}>
              {t('mou.versionN', { version: v.version })}
            </Button>{' '}<StatusBadge status={v.status} />
          </li>
        ))}
      </ul>
      {versions.length > 1 ? (
        <div className="diff">
          <Heading level={3}>{t('diff.title')}</Heading>
          <div className="inline-fields">
            <SelectField label={t('diff.from')} value={from} onChange={setFrom} options={options} />
            <SelectField label={t('diff.to')} value={to} onChange={setTo} options={options} />
          </div>
          {a && b ? <ClauseDiff key={revision} session={session} before={a.id} after={b.id} recipient={mou.recipient.code} t={t} /> : null}
        </div>
      ) : null}
    </>
  );
}

function ClauseDiff({ session, before: beforeId, after: afterId, recipient, t }: {
  session: ScreenProps['session']; before: string; after: string; recipient: string; t: Translate;
}) {
  const a = useQuery<{ mou: { clauses: MouClause[] } }>(session, MOU_CLAUSES, { id: beforeId });
  const b = useQuery<{ mou: { clauses: MouClause[] } }>(session, MOU_CLAUSES, { id: afterId });
  if (a.error || b.error) return <ErrorAlert error={a.error ?? b.error} />;
  if (!a.data || !b.data) return <p>{t('common.loading')}</p>;
  const before = a.data.mou.clauses;
  const after = b.data.mou.clauses;
  const strip = ({ id: _id, position: _position, ...rest }: MouClause) => JSON.stringify(rest);
  const rows: [string, string, string][] = [];
  for (const c of after) {
    const old = before.find((o) => o.label === c.label);
    if (!old) rows.push([c.label, t('diff.added'), describeClause(c, recipient, t)]);
    else if (strip(old) !== strip(c)) rows.push([c.label, t('diff.changed'), `${describeClause(old, recipient, t)} → ${describeClause(c, recipient, t)}`]);
  }
  for (const o of before) if (!after.some((c) => c.label === o.label)) rows.push([o.label, t('diff.removed'), describeClause(o, recipient, t)]);
  if (rows.length === 0) return <p>{t('diff.none')}</p>;
  return <SimpleTable caption={t('diff.title')} captionHidden headers={[t('clause.label'), t('diff.change'), t('diff.text')]} rows={rows} />;
}

function MouAdminLog({ session, mou }: { session: ScreenProps['session']; mou: Mou }) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const allowed = session.roles.includes('MOU_ADMIN') || session.roles.includes('AUDITOR');
  const { data, error } = useQuery<{ mouAdminEvents: { edges: { node: AdminEvent }[] } }>(
    session, ADMIN_EVENTS, { filter: { reference: mou.reference }, first: 50 }, {}, allowed);
  if (!allowed) return null;
  return (
    <>
      <Heading level={2}>{t('mou.adminLog')}</Heading>
      <ErrorAlert error={error} />
      {data ? (
        <SimpleTable caption={t('mou.adminLog')} captionHidden
          headers={[t('log.when'), t('log.action'), t('log.outcome'), t('log.actor'), t('log.version'), t('log.reason')]}
          rows={data.mouAdminEvents.edges.map(({ node: e }) => [
            formatDateTime(e.occurredAt, language), t(`action.${e.action}` as never), t(`outcome.${e.outcome}` as never),
            `${e.actorUserId}${e.actorAgency ? ` (${e.actorAgency.code})` : ''}`, e.mouVersion ?? '—',
            e.refusal ? `${e.refusal.rule ?? e.refusal.code}: ${e.refusal.message}` : e.reason ?? '—',
          ])} />
      ) : null}
    </>
  );
}
