import { Button } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { ErrorAlert, SimpleTable, StatusBadge } from '../components/ui.js';
import { formatDate } from '../format.js';
import { LanguageContext, useT } from '../i18n/i18n.js';
import { MOU_LIST, type MouSummary } from '../mou-queries.js';
import { useQuery } from './use-query.js';
import { useContext } from 'react';

export function MouList({ session, navigate }: ScreenProps) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const { data, error, loading } = useQuery<{ mous: MouSummary[] }>(session, MOU_LIST);
  const admin = session.roles.includes('MOU_ADMIN');
  return (
    <section>
      <h1 tabIndex={-1}>{t('mous.title')}</h1>
      <p className="description">{t('mous.intro')}</p>
      {admin ? <Button className="button" onPress={() => navigate({ name: 'new-mou' })}>{t('mous.new')}</Button> : null}
      <ErrorAlert error={error} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data ? (
        <SimpleTable caption={t('mous.caption', { count: data.mous.length })}
          headers={[t('mou.reference'), t('mou.titleField'), t('mou.status'), t('mou.parties'), t('mou.validity'), t('mou.awaiting')]}
          rows={data.mous.map((m) => [
            <Button key="open" className="link-button" onPress={() => navigate({ name: 'mou', id: m.id })}>
              {t('mou.referenceVersion', { reference: m.reference, version: m.version })}
            </Button>,
            m.title,
            <StatusBadge key="status" status={m.status} />,
            t('mou.partiesValue', { provider: m.provider.code, recipient: m.recipient.code }),
            t('mou.validityValue', { from: formatDate(m.validFrom, language), until: m.validUntil ? formatDate(m.validUntil, language) : t('mou.openEnded') }),
            m.awaitingApprovalFrom.map((a) => a.code).join(', ') || '—',
          ])} />
      ) : null}
    </section>
  );
}
