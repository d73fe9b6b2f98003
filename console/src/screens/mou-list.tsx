import { Button } from 'react-aria-components';
import { useContext, useEffect, useState } from 'react';
import { graphql } from '../api.js';
import type { ScreenProps } from '../app.js';
import { ErrorAlert, SimpleTable, StatusBadge } from '../components/ui.js';
import { formatDate } from '../format.js';
import { LanguageContext, useT } from '../i18n/i18n.js';
import { MOU_LIST, MOU_PAGE_SIZE, type MouPage, type MouSummary } from '../mou-queries.js';
import { useQuery } from './use-query.js';

/** Every MoU version the caller may see, a page at a time (`mous` is a connection); "Show more" reads the next page. */
export function MouList({ session, navigate }: ScreenProps) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const { data, error, loading } = useQuery<MouPage>(session, MOU_LIST, { first: MOU_PAGE_SIZE });
  const [more, setMore] = useState<{ mous: MouSummary[]; after: string | null; hasNextPage: boolean } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore(null), [data]);
  const admin = session.roles.includes('MOU_ADMIN');
  const mous = data ? [...data.mous.edges.map((e) => e.node), ...(more?.mous ?? [])] : [];
  const hasNextPage = more ? more.hasNextPage : data?.mous.pageInfo.hasNextPage ?? false;
  const after = more ? more.after : data?.mous.pageInfo.endCursor ?? null;

  const showMore = async () => {
    setLoadingMore(true);
    try {
      const page = await graphql<MouPage>(session, MOU_LIST, { first: MOU_PAGE_SIZE, after });
      setMore({ mous: [...(more?.mous ?? []), ...page.mous.edges.map((e) => e.node)], after: page.mous.pageInfo.endCursor, hasNextPage: page.mous.pageInfo.hasNextPage });
      setMoreError(null);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('mous.title')}</h1>
      <p className="description">{t('mous.intro')}</p>
      {admin ? <Button className="button" onPress={() => navigate({ name: 'new-mou' })}>{t('mous.new')}</Button> : null}
      <ErrorAlert error={error ?? moreError} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data ? (
        <SimpleTable caption={mous.length < data.mous.totalCount
          ? t('mous.captionPartial', { shown: mous.length, count: data.mous.totalCount })
          : t('mous.caption', { count: data.mous.totalCount })}
          headers={[t('mou.reference'), t('mou.titleField'), t('mou.status'), t('mou.parties'), t('mou.validity'), t('mou.awaiting')]}
          rows={mous.map((m) => [
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
      {data && hasNextPage ? (
        <Button className="button" isDisabled={loadingMore} onPress={() => void showMore()}>{t('mous.more')}</Button>
      ) : null}
    </section>
  );
}
