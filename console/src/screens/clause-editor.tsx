import { useState } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import { ApiError, graphql, type MouProblem, type Session } from '../api.js';
import { CheckboxesField, ErrorAlert, Field, SelectField, ToggleField } from '../components/ui.js';
import { useT, type Translate } from '../i18n/i18n.js';
import { ADD_CLAUSE, REFERENCE_AGENCIES, UPDATE_CLAUSE, type Mou, type MouClause, type ReferenceAgency } from '../mou-queries.js';
import { useQuery } from './use-query.js';
import { describeConditions } from '../plain-language.js';
import { ONWARD_DISCLOSURES, STATUTORY_EXCLUSIONS, SUBJECT_TYPES, SUBJECTS, TLPS, type SubjectType } from '../vocabulary.js';

const OPERATORS = ['$eq', '$ne', '$in', '$nin', '$lt', '$lte', '$gt', '$gte'] as const;
type Operator = (typeof OPERATORS)[number];
const FORM_FIELDS = new Set(['label', 'subject', 'fields', 'conditions', 'purposes', 'recipientRoles', 'maxTlp', 'onwardDisclosure', 'retentionDays', 'caseReferenceRequired', 'dailyRecordQuota']);
interface ConditionRow { field: string; op: Operator; value: string }

/** "+90d" is 90 days from now, "-30d" 30 days ago; anything else is taken as written. */
function parseValue(raw: string): unknown {
  const relative = /^([+-])(\d+)d$/.exec(raw.trim());
  if (relative) return relative[1] === '+' ? { $daysFromNow: Number(relative[2]) } : { $daysAgo: Number(relative[2]) };
  return raw.trim();
}
function formatValue(v: unknown): string {
  if (v && typeof v === 'object') {
    const o = v as Record<string, number>;
    if ('$daysFromNow' in o) return `+${o.$daysFromNow}d`;
    if ('$daysAgo' in o) return `-${o.$daysAgo}d`;
  }
  return String(v);
}

function rowsToConditions(rows: ConditionRow[]): Record<string, unknown> | null {
  const out: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    if (!row.field) continue;
    const operand = row.op === '$in' || row.op === '$nin'
      ? row.value.split(',').map((s) => s.trim()).filter(Boolean).map(parseValue)
      : parseValue(row.value);
    (out[row.field] ??= {})[row.op] = operand;
  }
  return Object.keys(out).length ? out : null;
}

/** Conditions the row builder can show (one level of field operators); anything else is edited as JSON. */
function conditionsToRows(conditions: Record<string, unknown> | null): ConditionRow[] | null {
  if (!conditions) return [];
  const rows: ConditionRow[] = [];
  for (const [field, spec] of Object.entries(conditions)) {
    if (field.startsWith('$')) return null;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || '$daysFromNow' in spec || '$daysAgo' in spec) {
      rows.push({ field, op: '$eq', value: formatValue(spec) });
      continue;
    }
    for (const [op, operand] of Object.entries(spec as Record<string, unknown>)) {
      if (!(OPERATORS as readonly string[]).includes(op)) return null;
      rows.push({ field, op: op as Operator, value: Array.isArray(operand) ? operand.map(formatValue).join(', ') : formatValue(operand) });
    }
  }
  return rows;
}

/** Which form field a validation problem concerns: the first segment of its path. */
export function problemsByField(problems: readonly MouProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    const key = /^[A-Za-z]+/.exec(p.path)?.[0] ?? '';
    map.set(key, [...(map.get(key) ?? []), `${p.path}: ${p.message}`]);
  }
  return map;
}

function conditionFieldOptions(subject: SubjectType) {
  const own = Object.keys(SUBJECTS[subject].conditionFields);
  const prisoner = SUBJECTS[subject].linkedToPrisoner ? Object.keys(SUBJECTS.Prisoner.conditionFields).map((f) => `prisoner.${f}`) : [];
  return [...own, ...prisoner];
}

function conditionFieldHelp(subject: SubjectType, field: string, t: Translate): string {
  const [, nested] = field.split('.');
  const definition = nested ? SUBJECTS.Prisoner.conditionFields[nested] : SUBJECTS[subject].conditionFields[field];
  if (!definition) return '';
  return definition.values ? t('clause.conditionValues', { values: definition.values.join(', ') }) : t(`clause.kind.${definition.kind}` as never);
}

export function ClauseEditor({ session, mou, clause, onSaved, onCancel }: {
  session: Session; mou: Mou; clause?: MouClause; onSaved(): void; onCancel(): void;
}) {
  const t = useT();
  const [label, setLabel] = useState(clause?.label ?? '');
  const [subject, setSubject] = useState<SubjectType>((clause?.subject as SubjectType) ?? 'Prisoner');
  const [fields, setFields] = useState<string[]>(clause?.fields ?? ['id']);
  const initialRows = conditionsToRows(clause?.conditions ?? null);
  const [rows, setRows] = useState<ConditionRow[]>(initialRows ?? []);
  const [jsonMode, setJsonMode] = useState(initialRows === null);
  const [json, setJson] = useState(clause?.conditions ? JSON.stringify(clause.conditions, null, 2) : '');
  const [purposes, setPurposes] = useState<string[]>(clause?.purposes ?? [...mou.purposes]);
  const [roles, setRoles] = useState((clause?.recipientRoles ?? []).join(', '));
  const reference = useQuery<{ referenceData: { agencies: ReferenceAgency[] } }>(session, REFERENCE_AGENCIES);
  const recipientRoles = reference.data?.referenceData.agencies.find((a) => a.code === mou.recipient.code)?.roles;
  const [maxTlp, setMaxTlp] = useState(clause?.maxTlp ?? 'AMBER');
  const [onward, setOnward] = useState(clause?.onwardDisclosure ?? 'NONE');
  const [retention, setRetention] = useState(String(clause?.retentionDays ?? 365));
  const [caseReference, setCaseReference] = useState(clause?.caseReferenceRequired ?? false);
  const [quota, setQuota] = useState(clause?.dailyRecordQuota === null || clause?.dailyRecordQuota === undefined ? '' : String(clause.dailyRecordQuota));
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const at = (field: string) => problems.get(field)?.join('; ');
  const excluded = STATUTORY_EXCLUSIONS[subject];
  const fieldOptions = SUBJECTS[subject].fields.map((f) => ({
    id: f, label: f,
    disabledReason: excluded.includes(f) ? t('clause.statutory', { reason: t(`statutory.${f}` as never) }) : undefined,
  }));

  const save = async () => {
    setBusy(true);
    setError(null);
    let conditions: Record<string, unknown> | null;
    try {
      conditions = jsonMode ? (json.trim() ? JSON.parse(json) as Record<string, unknown> : null) : rowsToConditions(rows);
    } catch {
      setProblems(new Map([['conditions', [t('clause.badJson')]]]));
      setBusy(false);
      return;
    }
    const input = {
      label, subject, fields, conditions, purposes,
      recipientRoles: roles.split(',').map((r) => r.trim()).filter(Boolean),
      maxTlp, onwardDisclosure: onward, retentionDays: Number(retention), caseReferenceRequired: caseReference,
      dailyRecordQuota: quota.trim() ? Number(quota) : null,
    };
    try {
      if (clause) await graphql(session, UPDATE_CLAUSE, { clauseId: clause.id, patch: input });
      else await graphql(session, ADD_CLAUSE, { mouId: mou.id, clause: input });
      setProblems(new Map());
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        setProblems(problemsByField(e.problems));
        setError(new Error(t('clause.invalid', { count: e.problems.length })));
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const general = [...problems.entries()].filter(([key]) => !FORM_FIELDS.has(key)).flatMap(([, messages]) => messages);
  const conditionsPreview = describeConditions(jsonMode ? null : rowsToConditions(rows), t);
  return (
    <Form className="form clause-editor" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-labelledby="clause-editor-heading">
      <Heading level={2} id="clause-editor-heading">{clause ? t('clause.editTitle', { label: clause.label }) : t('clause.newTitle')}</Heading>
      <ErrorAlert error={error} />
      <Field label={t('clause.label')} value={label} onChange={setLabel} error={at('label')} isRequired autoFocus />
      <SelectField label={t('clause.subject')} value={subject} error={at('subject')}
        onChange={(s) => { setSubject(s); setFields(['id']); setRows([]); }}
        options={SUBJECT_TYPES.map((s) => ({ id: s, label: s }))} />
      <CheckboxesField label={t('clause.fields')} value={fields} onChange={setFields} options={fieldOptions} error={at('fields')}
        description={t('clause.fieldsHelp')} />
      <fieldset className="conditions">
        <legend>{t('clause.conditions')}</legend>
        <p className="description">{t('clause.conditionsHelp')}</p>
        {jsonMode ? (
          <Field label={t('clause.conditionsJson')} value={json} onChange={setJson} multiline error={at('conditions')} />
        ) : (
          <>
            {rows.map((row, i) => (
              <div className="condition-row" key={i} role="group" aria-label={t('clause.conditionN', { n: i + 1 })}>
                <SelectField label={t('clause.conditionField')} value={row.field || null}
                  onChange={(field) => setRows(rows.map((r, j) => (j === i ? { ...r, field } : r)))}
                  options={conditionFieldOptions(subject).map((f) => ({ id: f, label: f }))} />
                <SelectField label={t('clause.operator')} value={row.op}
                  onChange={(op) => setRows(rows.map((r, j) => (j === i ? { ...r, op } : r)))}
                  options={OPERATORS.map((op) => ({ id: op, label: t(`clause.op.${op}` as never) }))} />
                <Field label={t('clause.value')} value={row.value}
                  onChange={(value) => setRows(rows.map((r, j) => (j === i ? { ...r, value } : r)))}
                  description={row.field ? conditionFieldHelp(subject, row.field, t) : undefined} />
                <Button className="button secondary" onPress={() => setRows(rows.filter((_, j) => j !== i))}
                  aria-label={t('clause.removeConditionN', { n: i + 1 })}>{t('clause.removeCondition')}</Button>
              </div>
            ))}
            {at('conditions') ? <p className="field-error" role="alert">{at('conditions')}</p> : null}
            <Button className="button secondary" onPress={() => setRows([...rows, { field: '', op: '$eq', value: '' }])}>{t('clause.addCondition')}</Button>
            <p className="description" aria-live="polite">{conditionsPreview ? t('clause.conditionsRead', { text: conditionsPreview }) : t('clause.noConditions')}</p>
          </>
        )}
        <ToggleField label={t('clause.editAsJson')} value={jsonMode} onChange={(on) => {
          if (on) setJson(JSON.stringify(rowsToConditions(rows) ?? {}, null, 2));
          else {
            let parsed: ConditionRow[] | null;
            try {
              parsed = conditionsToRows(json.trim() ? JSON.parse(json) as Record<string, unknown> : null);
            } catch {
              setProblems(new Map([['conditions', [t('clause.badJson')]]]));
              return; // stays in JSON until the text parses
            }
            // Conditions the rows cannot show ($or, $not) stay in JSON.
            if (!parsed) { setProblems(new Map([['conditions', [t('clause.jsonOnly')]]])); return; }
            setProblems(new Map());
            setRows(parsed);
          }
          setJsonMode(on);
        }} />
      </fieldset>
      <CheckboxesField label={t('clause.purposes')} value={purposes} onChange={setPurposes} error={at('purposes')}
        options={mou.purposes.map((p) => ({ id: p, label: t(`purpose.${p}` as never) }))} />
      {recipientRoles ? (
        <CheckboxesField label={t('clause.rolesAt', { agency: mou.recipient.code })} error={at('recipientRoles')}
          value={roles.split(',').map((r) => r.trim()).filter(Boolean)} onChange={(picked) => setRoles(picked.join(', '))}
          options={recipientRoles.map((r) => ({ id: r.role, label: r.role }))} />
      ) : (
        <Field label={t('clause.roles')} value={roles} onChange={setRoles} error={at('recipientRoles')}
          description={t('clause.rolesHelp', { agency: mou.recipient.code })} isRequired />
      )}
      <SelectField label={t('clause.maxTlp')} value={maxTlp} onChange={setMaxTlp} error={at('maxTlp')}
        options={TLPS.map((x) => ({ id: x, label: `TLP:${x.replace('_', '+')}` }))} />
      <SelectField label={t('clause.onward')} value={onward} onChange={setOnward} error={at('onwardDisclosure')}
        options={ONWARD_DISCLOSURES.map((x) => ({ id: x, label: t(`onward.${x}` as never) }))} />
      <Field label={t('clause.retention')} value={retention} onChange={setRetention} type="number" error={at('retentionDays')}
        description={t('clause.retentionHelp')} isRequired />
      <ToggleField label={t('clause.caseReference')} value={caseReference} onChange={setCaseReference} />
      {at('caseReferenceRequired') ? <p className="field-error" role="alert">{at('caseReferenceRequired')}</p> : null}
      <Field label={t('clause.quota')} value={quota} onChange={setQuota} type="number" error={at('dailyRecordQuota')}
        description={t('clause.quotaHelp')} />
      {general.length ? <ul className="field-error">{general.map((p) => <li key={p}>{p}</li>)}</ul> : null}
      <div className="form-actions">
        <Button type="submit" className="button" isDisabled={busy}>{t('clause.save')}</Button>
        <Button className="button secondary" onPress={onCancel}>{t('common.cancel')}</Button>
      </div>
    </Form>
  );
}
