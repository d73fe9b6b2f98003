import { useEffect, useState } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import { sessionFor, type Session } from '../api.js';
import { ErrorAlert, Field, SelectField } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { startOidcSignIn } from '../oidc-sign-in.js';
import type { ConsoleSettings } from '../settings.js';

interface DevAgency { code: string; name: string; kind: string; roles: string[] }

export function SignIn({ settings, onSignedIn }: { settings: ConsoleSettings; onSignedIn(session: Session): void }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  return (
    <section aria-labelledby="sign-in-heading" className="sign-in">
      <h1 id="sign-in-heading" tabIndex={-1}>{t('signIn.title')}</h1>
      <ErrorAlert error={error} />
      {settings.oidc.length > 0 ? (
        <div className="card">
          <Heading level={2}>{t('signIn.oidc')}</Heading>
          <ul className="plain">
            {settings.oidc.map((p) => (
              <li key={p.issuer}>
                <Button className="button" onPress={() => { startOidcSignIn(p).catch(setError); }}>
                  {t('signIn.withProvider', { agency: p.agency })}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {settings.developmentSignIn ? <DevelopmentSignIn onSignedIn={onSignedIn} onError={setError} /> : null}
      {!settings.developmentSignIn && settings.oidc.length === 0 ? <p>{t('signIn.noMethod')}</p> : null}
    </section>
  );
}

function DevelopmentSignIn({ onSignedIn, onError }: { onSignedIn(session: Session): void; onError(error: unknown): void }) {
  const t = useT();
  const [agencies, setAgencies] = useState<DevAgency[]>([]);
  const [agency, setAgency] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/dev-issuer/agencies').then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      setAgencies(await r.json() as DevAgency[]);
    }).catch(onError);
  }, [onError]);

  const roles = agencies.find((a) => a.code === agency)?.roles ?? [];
  const submit = async () => {
    if (!agency || !role) return;
    setBusy(true);
    onError(null);
    try {
      const response = await fetch('/dev-issuer/token', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agency, role, ...(userId.trim() ? { userId: userId.trim() } : {}) }),
      });
      const body = await response.json() as { token?: string; errors?: { message: string }[] };
      if (!body.token) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
      onSignedIn(await sessionFor(body.token, 'development'));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <Heading level={2}>{t('signIn.development')}</Heading>
      <p className="description">{t('signIn.developmentHelp')}</p>
      <Form className="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <SelectField label={t('signIn.agency')} value={agency} isRequired placeholder={t('common.choose')}
          onChange={(a) => { setAgency(a); setRole(null); }}
          options={agencies.map((a) => ({ id: a.code, label: `${a.code} — ${a.name}` }))} />
        <SelectField label={t('signIn.role')} value={role} isRequired placeholder={t('common.choose')} onChange={setRole}
          options={roles.map((r) => ({ id: r, label: r }))} />
        <Field label={t('signIn.user')} value={userId} onChange={setUserId} description={t('signIn.userHelp')} />
        <Button type="submit" className="button" isDisabled={!agency || !role || busy}>{t('signIn.submit')}</Button>
      </Form>
    </div>
  );
}
