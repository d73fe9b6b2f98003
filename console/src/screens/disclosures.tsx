import { useContext, useEffect, useState } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { graphql } from '../api.js';
import { CheckboxesField, ErrorAlert, Field, ModalDialog, SelectField, SimpleTable } from '../components/ui.js';
import { download, formatDateTime } from '../format.js';
import { LanguageContext, useT } from '../i18n/i18n.js';
import { PURPOSES } from '../vocabulary.js';
import { useQuery } from './use-query.js';

const KINDS = ['CONSULTATION', 'DISCLOSURE', 'DENIAL', 'LOG_ACCESS'];
const OVERSIGHT = { purpose: 'OVERSIGHT' };
/** Entries per export request: an entry in full is large, and the gateway bounds a query's size (100 would be refused). */
const EXPORT_PAGE = 40;
/** Entries per page on screen. */
const PAGE = 50;
interface LogPage { disclosures: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Entry }[] } }

interface Entry {
  seq: number; hash: string; prevHash: string; kind: string; decisionId: string; recordedAt: string; userId: string;
  agency: { code: string }; roles: string[]; issuer: string; purpose: string | null; caseReference: string | null;
  operationName: string | null; documentHash: string | null; queried: string[];
  records: { subject: string; id: string; prisonerId: string | null; ownerAgency: { code: string }; fields: string[]; redacted: string[]; clauseIds: string[] }[];
  clauses: { label: string; mouReference: string }[];
  denials: { code: string; subject: string | null; detail: string }[];
}

const ENTRY = `seq hash prevHash kind decisionId recordedAt userId agency { code } roles issuer purpose caseReference operationName documentHash queried
  records { subject id prisonerId ownerAgency { code } fields redacted clauseIds } clauses { label mouReference } denials { code subject detail }`;
const DISCLOSURES = `query Disclosures($filter: DisclosureFilter, $first: Int, $after: String) {
  disclosures(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } } } }`;
const INTEGRITY = `query AuditIntegrity { auditIntegrity { intact checkedAt entries headSeq checkpointsVerified unsealedEntries
  lastCheckpoint { seq } problem { seq kind detail } } }`;

interface Integrity {
  intact: boolean; checkedAt: string; entries: number; headSeq: number; checkpointsVerified: number; unsealedEntries: number;
  lastCheckpoint: { seq: number } | null; problem: { seq: number; kind: string; detail: string } | null;
}

/** The disclosure log (`disclosures`, Liaison-Purpose: OVERSIGHT): filters, an entry in full, integrity and export. */
export default function Disclosures({ session }: ScreenProps) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [form, setForm] = useState({ recipientAgencyCode: '', agencyCode: '', userId: '', subjectId: '', purpose: 'ANY', from: '', to: '' });
  const [kinds, setKinds] = useState<string[]>([]);
  const [filter, setFilter] = useState<Record<string, unknown>>({});
  const [open, setOpen] = useState<Entry | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const { data, error } = useQuery<LogPage>(session, DISCLOSURES, { filter, first: PAGE }, OVERSIGHT);
  // Further pages, read on "Show more" (cursor after the last entry shown); dropped when the filter changes.
  const [more, setMore] = useState<{ entries: Entry[]; after: string | null; hasNextPage: boolean } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore(null), [data]);
  const entries = data ? [...data.disclosures.edges.map((e) => e.node), ...(more?.entries ?? [])] : [];
  const hasNextPage = more ? more.hasNextPage : data?.disclosures.pageInfo.hasNextPage ?? false;
  const showMore = async () => {
    try {
      const after = more ? more.after : data?.disclosures.pageInfo.endCursor ?? null;
      const page = await graphql<LogPage>(session, DISCLOSURES, { filter, first: PAGE, after }, OVERSIGHT);
      setMore({ entries: [...(more?.entries ?? []), ...page.disclosures.edges.map((e) => e.node)], after: page.disclosures.pageInfo.endCursor, hasNextPage: page.disclosures.pageInfo.hasNextPage });
      setMoreError(null);
    } catch (e) {
      setMoreError(e);
    }
  };
  const auditor = session.roles.includes('AUDITOR');
  const integrity = useQuery<{ auditIntegrity: Integrity }>(session, INTEGRITY, {}, OVERSIGHT, auditor);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const apply = () => setFilter({
    ...(form.recipientAgencyCode.trim() ? { recipientAgencyCode: form.recipientAgencyCode.trim().toUpperCase() } : {}),
    ...(form.agencyCode.trim() ? { agencyCode: form.agencyCode.trim().toUpperCase() } : {}),
    ...(form.userId.trim() ? { userId: form.userId.trim() } : {}),
    ...(form.subjectId.trim() ? { subjectId: form.subjectId.trim() } : {}),
    ...(form.purpose !== 'ANY' ? { purpose: form.purpose } : {}),
    ...(form.from ? { from: new Date(`${form.from}T00:00:00.000Z`).toISOString() } : {}),
    ...(form.to ? { to: new Date(`${form.to}T23:59:59.999Z`).toISOString() } : {}),
    ...(kinds.length ? { kinds } : {}),
  });

  /** Every entry matching the filter, page by page, as JSON lines. */
  const exportAll = async () => {
    setExportError(null);
    try {
      const lines: string[] = [];
      let after: string | null = null;
      do {
        const page: { disclosures: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Entry }[] } } =
          await graphql(session, DISCLOSURES, { filter, first: EXPORT_PAGE, after }, OVERSIGHT);
        lines.push(...page.disclosures.edges.map((e) => JSON.stringify(e.node)));
        after = page.disclosures.pageInfo.hasNextPage ? page.disclosures.pageInfo.endCursor : null;
      } while (after);
      download(`disclosures-${new Date().toISOString().slice(0, 19)}.jsonl`, `${lines.join('\n')}\n`, 'application/x-ndjson');
    } catch (e) {
      setExportError(e);
    }
  };

  return (
    <section aria-labelledby="disclosures-heading">
      <h1 id="disclosures-heading" tabIndex={-1}>{t('nav.disclosures')}</h1>
      <p className="description">{t('disclosures.intro')}</p>
      {auditor ? (
        <div className="card" aria-labelledby="integrity-heading">
          <Heading level={2} id="integrity-heading">{t('integrity.title')}</Heading>
          <ErrorAlert error={integrity.error} />
          {integrity.data ? (
            <p role="status" className={integrity.data.auditIntegrity.intact ? 'ok' : 'bad'}>
              {integrity.data.auditIntegrity.intact
                ? t('integrity.intact', { entries: integrity.data.auditIntegrity.entries, checkpoints: integrity.data.auditIntegrity.checkpointsVerified, unsealed: integrity.data.auditIntegrity.unsealedEntries })
                : t('integrity.broken', { seq: integrity.data.auditIntegrity.problem?.seq ?? '?', detail: integrity.data.auditIntegrity.problem?.detail ?? '' })}
            </p>
          ) : <p>{t('common.loading')}</p>}
          <Button className="button secondary" onPress={() => void integrity.reload()}>{t('integrity.recheck')}</Button>
        </div>
      ) : null}
      <Form className="form filters" onSubmit={(e) => { e.preventDefault(); apply(); }}>
        <div className="inline-fields">
          <Field label={t('disclosures.agency')} value={form.recipientAgencyCode} onChange={set('recipientAgencyCode')} />
          <Field label={t('disclosures.ownerAgency')} value={form.agencyCode} onChange={set('agencyCode')} />
          <Field label={t('disclosures.user')} value={form.userId} onChange={set('userId')} />
          <Field label={t('disclosures.subjectId')} value={form.subjectId} onChange={set('subjectId')} />
          <SelectField label={t('disclosures.purpose')} value={form.purpose} onChange={set('purpose')}
            options={[{ id: 'ANY', label: t('disclosures.anyPurpose') }, ...PURPOSES.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))]} />
          <Field label={t('disclosures.from')} type="date" value={form.from} onChange={set('from')} />
          <Field label={t('disclosures.to')} type="date" value={form.to} onChange={set('to')} />
        </div>
        <CheckboxesField label={t('disclosures.kinds')} value={kinds} onChange={setKinds}
          options={KINDS.map((k) => ({ id: k, label: t(`kind.${k}` as never) }))} />
        <div className="form-actions">
          <Button type="submit" className="button">{t('common.apply')}</Button>
          <Button className="button secondary" onPress={() => void exportAll()}>{t('disclosures.export')}</Button>
        </div>
      </Form>
      <ErrorAlert error={error ?? exportError ?? moreError} />
      {data ? (
        <SimpleTable caption={entries.length < data.disclosures.totalCount
          ? t('disclosures.captionPartial', { shown: entries.length, count: data.disclosures.totalCount })
          : t('disclosures.caption', { count: data.disclosures.totalCount })}
          headers={[t('disclosures.seq'), t('log.when'), t('disclosures.kindHeader'), t('disclosures.user'), t('disclosures.purpose'), t('disclosures.records'), t('disclosures.open')]}
          rows={entries.map((e) => [
            e.seq, formatDateTime(e.recordedAt, language), t(`kind.${e.kind}` as never), `${e.userId} (${e.agency.code})`,
            e.purpose ? t(`purpose.${e.purpose}` as never) : '—', e.records.length,
            <Button key="open" className="link-button" onPress={() => setOpen(e)} aria-label={t('disclosures.openN', { seq: e.seq })}>{t('disclosures.open')}</Button>,
          ])} />
      ) : null}
      {data && hasNextPage ? <Button className="button" onPress={() => void showMore()}>{t('disclosures.more')}</Button> : null}
      {open ? (
        <ModalDialog isOpen wide onClose={() => setOpen(null)} title={t('disclosures.entryTitle', { seq: open.seq })}>
          <dl className="facts">
            <dt>{t('log.when')}</dt><dd>{formatDateTime(open.recordedAt, language)}</dd>
            <dt>{t('disclosures.kindHeader')}</dt><dd>{t(`kind.${open.kind}` as never)}</dd>
            <dt>{t('disclosures.user')}</dt><dd>{open.userId} ({open.agency.code}; {open.roles.join(', ')}; {open.issuer})</dd>
            <dt>{t('disclosures.purpose')}</dt><dd>{open.purpose ? t(`purpose.${open.purpose}` as never) : '—'}{open.caseReference ? ` · ${open.caseReference}` : ''}</dd>
            <dt>{t('disclosures.decision')}</dt><dd>{open.decisionId}</dd>
            <dt>{t('disclosures.operation')}</dt><dd>{open.operationName ?? '—'} {open.documentHash ? `(${open.documentHash.slice(0, 16)}…)` : ''}</dd>
            <dt>{t('disclosures.clauses')}</dt><dd>{open.clauses.map((c) => `${c.mouReference} · ${c.label}`).join('; ') || '—'}</dd>
            <dt>{t('disclosures.hash')}</dt><dd className="mono">{open.hash}</dd>
          </dl>
          {open.records.length ? (
            <SimpleTable caption={t('disclosures.records')}
              headers={[t('impact.subject'), 'id', t('disclosures.owner'), t('disclosures.fields'), t('disclosures.redacted')]}
              rows={open.records.map((r) => [r.subject, <span key="id" className="mono">{r.id}</span>, r.ownerAgency.code, r.fields.join(', '), r.redacted.join(', ') || '—'])} />
          ) : null}
          {open.denials.length ? <ul>{open.denials.map((d, i) => <li key={i}>{d.code}: {d.detail}</li>)}</ul> : null}
        </ModalDialog>
      ) : null}
    </section>
  );
}
