import { useState } from 'react';
import { Button, FileTrigger, Form, Heading } from 'react-aria-components';
import type { ScreenProps } from '../app.js';
import { ApiError, graphql } from '../api.js';
import { CheckboxesField, ErrorAlert, Field, SelectField } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { CREATE_DRAFT, REFERENCE_AGENCIES, type Mou, type ReferenceAgency } from '../mou-queries.js';
import { useQuery } from './use-query.js';
import { PURPOSES } from '../vocabulary.js';
import { problemsByField } from './clause-editor.js';

/** A new MoU (version 1) drafted by the caller's agency as provider, from a form or a YAML document. */
export default function NewMou({ session, navigate }: ScreenProps) {
  const t = useT();
  const [reference, setReference] = useState(`MOU-${session.agency.code}-`);
  const [title, setTitle] = useState('');
  const [recipient, setRecipient] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [purposes, setPurposes] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const [validUntil, setValidUntil] = useState('');
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const at = (field: string) => problems.get(field)?.join('; ');
  const agencies = useQuery<{ referenceData: { agencies: ReferenceAgency[] } }>(session, REFERENCE_AGENCIES);
  const recipients = agencies.data?.referenceData.agencies.filter((a) => a.code !== session.agency.code);

  const create = async (input: Record<string, unknown>) => {
    setError(null);
    try {
      const { createMouDraft } = await graphql<{ createMouDraft: Pick<Mou, 'id'> }>(session, CREATE_DRAFT, { input });
      navigate({ name: 'mou', id: createMouDraft.id });
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        setProblems(problemsByField(e.problems));
        setError(new Error([t('clause.invalid', { count: e.problems.length }), ...e.problems.map((p) => `${p.clause ? `${p.clause}: ` : ''}${p.path}: ${p.message}`)].join(' · ')));
      } else setError(e);
    }
  };
  const fromForm = () => create({
    reference, title, recipient: recipient.trim().toUpperCase(), legalBasis, purposes,
    validFrom: new Date(`${validFrom}T00:00:00.000Z`).toISOString(),
    validUntil: validUntil ? new Date(`${validUntil}T00:00:00.000Z`).toISOString() : null,
  });
  const fromYaml = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    try {
      const { yamlToDraftInput } = await import('./mou-yaml.js');
      await create(yamlToDraftInput(await file.text()));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="new-mou-heading">
      <h1 id="new-mou-heading" tabIndex={-1}>{t('newMou.title')}</h1>
      <p className="description">{t('newMou.intro', { agency: session.agency.code })}</p>
      <ErrorAlert error={error} />
      <Form className="form" onSubmit={(e) => { e.preventDefault(); void fromForm(); }}>
        <Field label={t('mou.reference')} value={reference} onChange={setReference} error={at('reference')} isRequired
          description={t('newMou.referenceHelp')} />
        <Field label={t('mou.titleField')} value={title} onChange={setTitle} error={at('title')} isRequired />
        {recipients ? (
          <SelectField label={t('newMou.recipientAgency')} value={recipient || null} onChange={setRecipient} error={at('recipient')} isRequired
            placeholder={t('common.choose')} options={recipients.map((a) => ({ id: a.code, label: `${a.code} — ${a.name}` }))} />
        ) : (
          <Field label={t('newMou.recipient')} value={recipient} onChange={setRecipient} error={at('recipient')} isRequired
            description={t('newMou.recipientHelp')} />
        )}
        <Field label={t('mou.legalBasis')} value={legalBasis} onChange={setLegalBasis} error={at('legalBasis')} isRequired />
        <CheckboxesField label={t('mou.purposes')} value={purposes} onChange={setPurposes} error={at('purposes')}
          options={PURPOSES.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))} />
        <Field label={t('newMou.validFrom')} type="date" value={validFrom} onChange={setValidFrom} error={at('validFrom')} isRequired />
        <Field label={t('newMou.validUntil')} type="date" value={validUntil} onChange={setValidUntil} error={at('validUntil')}
          description={t('newMou.validUntilHelp')} />
        <Button type="submit" className="button">{t('newMou.create')}</Button>
      </Form>
      <Heading level={2}>{t('newMou.import')}</Heading>
      <p className="description">{t('newMou.importHelp')}</p>
      <FileTrigger acceptedFileTypes={['.yaml', '.yml', 'application/yaml', 'text/yaml']} onSelect={(files) => void fromYaml(files)}>
        <Button className="button secondary">{t('newMou.chooseYaml')}</Button>
      </FileTrigger>
    </section>
  );
}
