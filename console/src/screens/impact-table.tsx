import { useT } from '../i18n/i18n.js';
import { SimpleTable } from '../components/ui.js';

export interface Impact {
  replacesVersion: number | null; evaluatedAt: string; sampleIdsDisclosed: boolean; recipient: { code: string; name: string };
  audiences: { role: string; purpose: string; subjects: {
    subject: string; rowsBefore: number; rowsAfter: number; rowsGained: number; rowsLost: number; fieldsGained: string[]; fieldsLost: string[];
  }[] }[];
}

/** The impact preview as one table: per role, purpose and kind of record, rows and fields gained and lost. */
export function ImpactTable({ impact }: { impact: Impact }) {
  const t = useT();
  const rows = impact.audiences.flatMap((a) => a.subjects.map((s) => [
    a.role, t(`purpose.${a.purpose}` as never), s.subject, s.rowsBefore, s.rowsAfter,
    s.rowsGained ? `+${s.rowsGained}` : '0', s.rowsLost ? `−${s.rowsLost}` : '0',
    s.fieldsGained.join(', ') || '—', s.fieldsLost.join(', ') || '—',
  ]));
  return (
    <>
      <p>{impact.replacesVersion ? t('impact.replaces', { version: impact.replacesVersion }) : t('impact.new')}</p>
      {rows.length === 0 ? <p>{t('impact.nothing')}</p> : (
        <SimpleTable caption={t('impact.caption', { recipient: impact.recipient.code })}
          headers={[t('impact.role'), t('impact.purpose'), t('impact.subject'), t('impact.rowsBefore'), t('impact.rowsAfter'),
            t('impact.rowsGained'), t('impact.rowsLost'), t('impact.fieldsGained'), t('impact.fieldsLost')]}
          rows={rows} />
      )}
    </>
  );
}
