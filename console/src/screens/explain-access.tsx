import { useState } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { graphql } from '../api.js';
import { ErrorAlert, Field, SelectField, SimpleTable, ToggleField } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { PURPOSES, SUBJECT_TYPES, SUBJECTS, type SubjectType } from '../vocabulary.js';

const EXPLAIN = `query ExplainAccess($input: ExplainAccessInput!) { explainAccess(input: $input) {
  allowed recordReadable detail summary readableFields
  decidedBy { kind message clause { label mouReference } }
  considered { verdict message clause { label mouReference } } } }`;

interface Explanation {
  allowed: boolean; recordReadable: boolean; detail: string; summary: string; readableFields: string[];
  decidedBy: { kind: string; message: string }[];
  considered: { verdict: string; message: string; clause: { label: string; mouReference: string } }[];
}

/** "Explain access": whether an agency's staff with these roles and purpose may read a record (or a field), and why. */
export default function ExplainAccess({ session }: ScreenProps) {
  const t = useT();
  const [agency, setAgency] = useState('');
  const [roles, setRoles] = useState('');
  const [purpose, setPurpose] = useState('NONE');
  const [caseReference, setCaseReference] = useState(true);
  const [subject, setSubject] = useState<SubjectType>('Prisoner');
  const [recordId, setRecordId] = useState('');
  const [field, setField] = useState('ANY');
  const [result, setResult] = useState<Explanation | null>(null);
  const [error, setError] = useState<unknown>(null);

  const explain = async () => {
    setError(null);
    try {
      const { explainAccess } = await graphql<{ explainAccess: Explanation }>(session, EXPLAIN, { input: {
        agency: agency.trim().toUpperCase(), roles: roles.split(',').map((r) => r.trim()).filter(Boolean),
        purpose: purpose === 'NONE' ? null : purpose, caseReference, subject, recordId: recordId.trim(),
        field: field === 'ANY' ? null : field,
      } });
      setResult(explainAccess);
    } catch (e) {
      setResult(null);
      setError(e);
    }
  };

  return (
    <section aria-labelledby="explain-heading">
      <h1 id="explain-heading" tabIndex={-1}>{t('nav.explain')}</h1>
      <p className="description">{t('explain.intro')}</p>
      <Form className="form" onSubmit={(e) => { e.preventDefault(); void explain(); }}>
        <div className="inline-fields">
          <Field label={t('explain.agency')} value={agency} onChange={setAgency} isRequired />
          <Field label={t('clause.roles')} value={roles} onChange={setRoles} isRequired />
          <SelectField label={t('disclosures.purpose')} value={purpose} onChange={setPurpose}
            options={[{ id: 'NONE', label: t('permissions.noPurpose') }, ...PURPOSES.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))]} />
          <SelectField label={t('clause.subject')} value={subject} onChange={(s) => { setSubject(s); setField('ANY'); }}
            options={SUBJECT_TYPES.map((s) => ({ id: s, label: s }))} />
          <Field label={t('explain.recordId')} value={recordId} onChange={setRecordId} isRequired />
          <SelectField label={t('explain.field')} value={field} onChange={setField}
            options={[{ id: 'ANY', label: t('explain.wholeRecord') }, ...SUBJECTS[subject].fields.map((f) => ({ id: f, label: f }))]} />
        </div>
        <ToggleField label={t('explain.withCaseReference')} value={caseReference} onChange={setCaseReference} />
        <Button type="submit" className="button">{t('explain.submit')}</Button>
      </Form>
      <ErrorAlert error={error} />
      {result ? (
        <div aria-live="polite">
          <Heading level={2}>{result.allowed ? t('explain.allowed') : t('explain.denied')}</Heading>
          <p>{result.summary}</p>
          <ul>{result.decidedBy.map((d, i) => <li key={i}>{d.kind}: {d.message}</li>)}</ul>
          {result.readableFields.length ? <p>{t('explain.readable', { fields: result.readableFields.join(', ') })}</p> : null}
          {result.considered.length ? (
            <SimpleTable caption={t('explain.considered')} headers={[t('clause.label'), t('explain.verdict'), t('explain.why')]}
              rows={result.considered.map((c) => [`${c.clause.mouReference} · ${c.clause.label}`, c.verdict, c.message])} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
