import { useState } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import { ApiError, graphql, type Session } from '../api.js';
import { CheckboxesField, ErrorAlert, Field } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { UPDATE_TERMS, type Mou } from '../mou-queries.js';
import { PURPOSES } from '../vocabulary.js';
import { problemsByField } from './clause-editor.js';

const TERMS_FIELDS = new Set(['title', 'legalBasis', 'purposes', 'validFrom', 'validUntil']);
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const midnight = (date: string) => new Date(`${date}T00:00:00.000Z`).toISOString();

/**
 * A draft's terms (title, legal basis, purposes, validity) through `updateMouDraft`: the
 * gateway validates, each problem is shown at its field; problems in clauses (a clause's
 * purpose no longer among the MoU's) are listed under the form.
 */
export function TermsEditor({ session, mou, onSaved, onCancel }: {
  session: Session; mou: Mou; onSaved(): void; onCancel(): void;
}) {
  const t = useT();
  const [title, setTitle] = useState(mou.title);
  const [legalBasis, setLegalBasis] = useState(mou.legalBasis);
  const [purposes, setPurposes] = useState<string[]>([...mou.purposes]);
  const [validFrom, setValidFrom] = useState(day(mou.validFrom));
  const [validUntil, setValidUntil] = useState(day(mou.validUntil));
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const at = (field: string) => problems.get(field)?.join('; ');

  const save = async () => {
    setBusy(true);
    setError(null);
    const patch: Record<string, unknown> = { title, legalBasis, purposes, validUntil: validUntil ? midnight(validUntil) : null };
    // The start keeps its time of day unless the date itself changed.
    if (validFrom && validFrom !== day(mou.validFrom)) patch.validFrom = midnight(validFrom);
    try {
      await graphql(session, UPDATE_TERMS, { id: mou.id, patch });
      setProblems(new Map());
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        // Problems of the terms go to their fields; those of a clause (clause set) are listed below the form.
        const terms = e.problems.filter((p) => !p.clause);
        const map = problemsByField(terms);
        const clauses = e.problems.filter((p) => p.clause).map((p) => `${p.clause}: ${p.path}: ${p.message}`);
        if (clauses.length) map.set('clauses', clauses);
        setProblems(map);
        setError(new Error(t('clause.invalid', { count: e.problems.length })));
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const general = [...problems.entries()].filter(([key]) => !TERMS_FIELDS.has(key)).flatMap(([, messages]) => messages);
  return (
    <Form className="form terms-editor" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-labelledby="terms-editor-heading">
      <Heading level={2} id="terms-editor-heading">{t('terms.title')}</Heading>
      <p className="description">{mou.approvals.some((a) => !a.voidedAt) ? t('terms.voidsApprovals') : t('terms.intro')}</p>
      <ErrorAlert error={error} />
      <Field label={t('mou.titleField')} value={title} onChange={setTitle} error={at('title')} isRequired autoFocus />
      <Field label={t('mou.legalBasis')} value={legalBasis} onChange={setLegalBasis} error={at('legalBasis')} isRequired />
      <CheckboxesField label={t('mou.purposes')} value={purposes} onChange={setPurposes} error={at('purposes')}
        options={PURPOSES.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))} />
      <Field label={t('newMou.validFrom')} type="date" value={validFrom} onChange={setValidFrom} error={at('validFrom')} isRequired />
      <Field label={t('newMou.validUntil')} type="date" value={validUntil} onChange={setValidUntil} error={at('validUntil')}
        description={t('newMou.validUntilHelp')} />
      {general.length ? <div role="alert"><ul className="field-error">{general.map((p) => <li key={p}>{p}</li>)}</ul></div> : null}
      <div className="form-actions">
        <Button type="submit" className="button" isDisabled={busy}>{t('terms.save')}</Button>
        <Button className="button secondary" onPress={onCancel}>{t('common.cancel')}</Button>
      </div>
    </Form>
  );
}
