import type { ReactNode } from 'react';
import {
  Button, Checkbox, CheckboxGroup, Dialog, FieldError, Heading, Input, Label, ListBox, ListBoxItem, Modal,
  Popover, Select, SelectValue, Text, TextArea, TextField,
} from 'react-aria-components';
import { useT } from '../i18n/i18n.js';

/** Thin wrappers over React Aria Components: label, description and error wired for assistive technology. */

export function Field(props: {
  label: string; value: string; onChange(value: string): void; error?: string | undefined; description?: string;
  type?: string; isRequired?: boolean; multiline?: boolean; name?: string; autoFocus?: boolean;
}) {
  return (
    <TextField className="field" value={props.value} onChange={props.onChange} isInvalid={!!props.error} type={props.type}
      isRequired={props.isRequired} name={props.name} autoFocus={props.autoFocus} validationBehavior="aria">
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea rows={3} /> : <Input />}
      {props.description ? <Text slot="description" className="description">{props.description}</Text> : null}
      <FieldError className="field-error">{props.error}</FieldError>
    </TextField>
  );
}

export function SelectField<T extends string>(props: {
  label: string; value: T | null; options: readonly { id: T; label: string }[]; onChange(value: T): void;
  error?: string | undefined; description?: string; isRequired?: boolean; placeholder?: string;
}) {
  return (
    <Select className="field" selectedKey={props.value} onSelectionChange={(key) => key !== null && props.onChange(key as T)}
      isInvalid={!!props.error} isRequired={props.isRequired} placeholder={props.placeholder} validationBehavior="aria">
      <Label>{props.label}</Label>
      <Button className="select-button"><SelectValue /><span aria-hidden="true" className="chevron">▾</span></Button>
      {props.description ? <Text slot="description" className="description">{props.description}</Text> : null}
      <FieldError className="field-error">{props.error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {props.options.map((o) => <ListBoxItem key={o.id} id={o.id} className="option">{o.label}</ListBoxItem>)}
        </ListBox>
      </Popover>
    </Select>
  );
}

export interface CheckboxOption { id: string; label: string; disabledReason?: string | undefined }

export function CheckboxesField(props: {
  label: string; value: string[]; options: readonly CheckboxOption[]; onChange(value: string[]): void;
  error?: string | undefined; description?: string;
}) {
  return (
    <CheckboxGroup className="field checkboxes" value={props.value} onChange={props.onChange} isInvalid={!!props.error} validationBehavior="aria">
      <Label>{props.label}</Label>
      {props.description ? <Text slot="description" className="description">{props.description}</Text> : null}
      <div className="checkbox-list">
        {props.options.map((o) => (
          <div key={o.id} className="checkbox-item">
            <Checkbox value={o.id} isDisabled={!!o.disabledReason} className="checkbox"
              aria-describedby={o.disabledReason ? `why-${o.id}` : undefined}>
              <span className="box" aria-hidden="true" />{o.label}
            </Checkbox>
            {o.disabledReason ? <span id={`why-${o.id}`} className="disabled-reason">{o.disabledReason}</span> : null}
          </div>
        ))}
      </div>
      <FieldError className="field-error">{props.error}</FieldError>
    </CheckboxGroup>
  );
}

export function ToggleField(props: { label: string; value: boolean; onChange(value: boolean): void }) {
  return (
    <Checkbox className="checkbox toggle" isSelected={props.value} onChange={props.onChange}>
      <span className="box" aria-hidden="true" />{props.label}
    </Checkbox>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return <div role="alert" className="alert error"><strong>{t('common.error')}</strong> {message}</div>;
}

export function Notice({ children }: { children: ReactNode }) {
  return <div role="status" className="alert notice">{children}</div>;
}

/** A modal dialog with a heading, its content, and Cancel; `actions` add the confirming buttons. */
export function ModalDialog(props: { isOpen: boolean; onClose(): void; title: string; children: ReactNode; actions?: ReactNode; wide?: boolean }) {
  const t = useT();
  return (
    <Modal isOpen={props.isOpen} onOpenChange={(open) => !open && props.onClose()} isDismissable className={`modal${props.wide ? ' wide' : ''}`}>
      <Dialog className="dialog">
        <Heading slot="title">{props.title}</Heading>
        {props.children}
        <div className="dialog-actions">
          <Button className="button secondary" onPress={props.onClose}>{t('common.cancel')}</Button>
          {props.actions}
        </div>
      </Dialog>
    </Modal>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}` as never)}</span>;
}

/** A plain HTML table with a caption: read by screen readers cell by cell, sortable by nothing. */
export function SimpleTable(props: { caption: string; headers: string[]; rows: ReactNode[][]; captionHidden?: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead><tr>{props.headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{props.rows.map((row, i) => <tr key={i}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}
