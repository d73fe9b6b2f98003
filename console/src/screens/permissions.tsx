import { useState } from 'react';
import { Heading } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { ErrorAlert, Field, SelectField, SimpleTable } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { PURPOSES } from '../vocabulary.js';
import { useQuery } from './use-query.js';

interface SubjectPermission {
  subject: string; requires: string | null;
  fields: { field: string; roles: string[]; clauses: { label: string; mouReference: string }[]; alwaysVisible: boolean }[];
}

const PERMISSIONS = `query MyPermissions { me { purpose permissions { subject requires
  fields { field roles alwaysVisible clauses { label mouReference } } } } }`;

/** "What can my agency see": `me.permissions` for the signed-in roles and a chosen purpose. */
export default function Permissions({ session }: ScreenProps) {
  const t = useT();
  const [purpose, setPurpose] = useState<string>('NONE');
  const [caseReference, setCaseReference] = useState('');
  const { data, error, loading } = useQuery<{ me: { permissions: SubjectPermission[] } }>(
    session, PERMISSIONS, {}, { purpose: purpose === 'NONE' ? null : purpose, caseReference: caseReference.trim() || null });
  return (
    <section aria-labelledby="permissions-heading">
      <h1 id="permissions-heading" tabIndex={-1}>{t('permissions.title')}</h1>
      <p className="description">{t('permissions.intro', { agency: session.agency.code, roles: session.roles.join(', ') })}</p>
      <SelectField label={t('permissions.purpose')} value={purpose} onChange={setPurpose}
        options={[{ id: 'NONE', label: t('permissions.noPurpose') }, ...PURPOSES.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))]} />
      <Field label={t('permissions.caseReference')} value={caseReference} onChange={setCaseReference}
        description={t('permissions.caseReferenceHelp')} />
      <ErrorAlert error={error} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data?.me.permissions.length === 0 ? <p>{t('permissions.nothing')}</p> : null}
      {data?.me.permissions.map((p) => (
        <div key={p.subject}>
          <Heading level={2}>{t(`subject.${p.subject}` as never)} ({p.subject})</Heading>
          {p.requires ? <p className="description">{p.requires}</p> : null}
          <SimpleTable caption={t('permissions.caption', { subject: p.subject })} captionHidden
            headers={[t('permissions.field'), t('permissions.because')]}
            rows={p.fields.map((f) => [f.field, [
              f.alwaysVisible ? t('permissions.always') : '',
              f.roles.length ? t('permissions.roles', { roles: f.roles.join(', ') }) : '',
              ...f.clauses.map((c) => t('permissions.clause', { label: c.label, reference: c.mouReference })),
            ].filter(Boolean).join('; ')])} />
        </div>
      ))}
    </section>
  );
}
