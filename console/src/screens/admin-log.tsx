import { useContext, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { CheckboxesField, ErrorAlert, Field, SimpleTable } from '../components/ui.js';
import { formatDateTime } from '../format.js';
import { LanguageContext, useT } from '../i18n/i18n.js';
import { ADMIN_EVENTS, type AdminEvent } from '../mou-queries.js';
import { useQuery } from './use-query.js';

const ACTIONS = ['CREATE_DRAFT', 'IMPORT', 'UPDATE_DRAFT', 'ADD_CLAUSE', 'UPDATE_CLAUSE', 'REMOVE_CLAUSE', 'VOID_APPROVALS', 'SUBMIT',
  'APPROVE', 'ACTIVATE', 'SUSPEND', 'RESUME', 'TERMINATE', 'AMEND', 'EXPIRE', 'SUPERSEDE', 'PREVIEW_IMPACT', 'EXPLAIN_ACCESS'];

/** The MoU admin audit log (`mouAdminEvents`), newest first, filtered by reference and action. */
export default function AdminLog({ session, navigate }: ScreenProps) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [reference, setReference] = useState('');
  const [actions, setActions] = useState<string[]>([]);
  const [filter, setFilter] = useState<Record<string, unknown>>({});
  const { data, error } = useQuery<{ mouAdminEvents: { totalCount: number; edges: { node: AdminEvent }[] } }>(
    session, ADMIN_EVENTS, { filter, first: 100 });
  return (
    <section aria-labelledby="admin-log-heading">
      <h1 id="admin-log-heading" tabIndex={-1}>{t('nav.admin-log')}</h1>
      <p className="description">{t('adminLog.intro')}</p>
      <Form className="form filters" onSubmit={(e) => {
        e.preventDefault();
        setFilter({ ...(reference.trim() ? { reference: reference.trim() } : {}), ...(actions.length ? { actions } : {}) });
      }}>
        <Field label={t('mou.reference')} value={reference} onChange={setReference} />
        <CheckboxesField label={t('log.action')} value={actions} onChange={setActions}
          options={ACTIONS.map((a) => ({ id: a, label: t(`action.${a}` as never) }))} />
        <Button type="submit" className="button">{t('common.apply')}</Button>
      </Form>
      <ErrorAlert error={error} />
      {data ? (
        <SimpleTable caption={t('adminLog.caption', { count: data.mouAdminEvents.totalCount })}
          headers={[t('log.when'), t('log.action'), t('log.outcome'), t('log.actor'), t('mou.reference'), t('log.reason')]}
          rows={data.mouAdminEvents.edges.map(({ node: e }) => [
            formatDateTime(e.occurredAt, language), t(`action.${e.action}` as never), t(`outcome.${e.outcome}` as never),
            `${e.actorUserId}${e.actorAgency ? ` (${e.actorAgency.code})` : ''}`,
            e.mouId && e.mouReference ? (
              <Button key="mou" className="link-button" onPress={() => navigate({ name: 'mou', id: e.mouId! })}>
                {t('mou.referenceVersion', { reference: e.mouReference, version: e.mouVersion ?? '?' })}
              </Button>
            ) : '—',
            e.refusal ? `${e.refusal.rule ?? e.refusal.code}: ${e.refusal.message}` : e.reason ?? '—',
          ])} />
      ) : null}
    </section>
  );
}
