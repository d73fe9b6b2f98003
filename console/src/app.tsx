import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Link } from 'react-aria-components';
import type { Session } from './api.js';
import { ErrorAlert, Notice, SelectField } from './components/ui.js';
import { applyLanguage, LANGUAGES, LanguageContext, loadCatalogue, useT, type Language } from './i18n/i18n.js';
import { loadSettings, type ConsoleSettings } from './settings.js';
import { SignIn } from './screens/sign-in.js';
import { MouList } from './screens/mou-list.js';
import { completeOidcSignIn, completeOidcSignOut, isOidcCallback, isOidcSignOutReturn, signOutOidc } from './oidc-sign-in.js';

const MouDetail = lazy(() => import('./screens/mou-detail.js'));
const NewMou = lazy(() => import('./screens/new-mou.js'));
const Permissions = lazy(() => import('./screens/permissions.js'));
const AdminLog = lazy(() => import('./screens/admin-log.js'));
const Disclosures = lazy(() => import('./screens/disclosures.js'));
const ExplainAccess = lazy(() => import('./screens/explain-access.js'));

export type View =
  | { name: 'mous' }
  | { name: 'mou'; id: string }
  | { name: 'new-mou' }
  | { name: 'permissions' }
  | { name: 'admin-log' }
  | { name: 'disclosures' }
  | { name: 'explain' };

export interface ScreenProps {
  session: Session;
  navigate(view: View): void;
}

export function App() {
  const [language, setLanguageState] = useState<Language>('en');
  const languageContext = useMemo(() => ({
    language,
    setLanguage: (l: Language) => {
      void loadCatalogue(l).then(() => { applyLanguage(l); setLanguageState(l); });
    },
  }), [language]);
  return (
    <LanguageContext.Provider value={languageContext}>
      <Console />
    </LanguageContext.Provider>
  );
}

function Console() {
  const t = useT();
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [view, setView] = useState<View>({ name: 'mous' });
  const [notice, setNotice] = useState<'app.sessionExpired' | 'app.signedOut' | null>(null);

  useEffect(() => {
    loadSettings().then(async (loaded) => {
      setSettings(loaded);
      if (isOidcCallback()) {
        setSession(await completeOidcSignIn(loaded, {
          renewed: () => undefined, // the token is replaced in place: nothing to redraw
          expired: () => { setSession(null); setView({ name: 'mous' }); setNotice('app.sessionExpired'); },
        }));
      } else if (isOidcSignOutReturn()) {
        await completeOidcSignOut(loaded);
        setNotice('app.signedOut');
      }
    }).catch(setError);
  }, []);

  useEffect(() => {
    document.title = `${t(`nav.${view.name === 'mou' ? 'mous' : view.name}` as never)} · ${t('app.title')}`;
  }, [view, t]);

  const signOut = () => {
    const method = session?.method;
    setSession(null);
    setView({ name: 'mous' });
    setNotice('app.signedOut');
    if (method === 'oidc') signOutOidc().catch(setError);
  };
  const navigate = (next: View) => {
    setView(next);
    // Move focus to the new screen's heading, as a page load would.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  return (
    <>
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <LanguagePicker />
        {session ? (
          <div className="who">
            <span>{t('app.signedInAs', { user: session.userId, agency: session.agency.code, roles: session.roles.join(', ') })}</span>
            <Button className="button secondary" onPress={signOut}>{t('app.signOut')}</Button>
          </div>
        ) : null}
      </header>
      {session ? <Navigation session={session} view={view} navigate={navigate} /> : null}
      <main id="main">
        <ErrorAlert error={error} />
        {notice && !session ? <Notice>{t(notice)}</Notice> : null}
        {!settings ? <p>{t('common.loading')}</p>
          : !session ? <SignIn settings={settings} onSignedIn={(s) => { setSession(s); setNotice(null); setView({ name: 'mous' }); }} />
            : (
              <Suspense fallback={<p>{t('common.loading')}</p>}>
                <Screen view={view} session={session} navigate={navigate} />
              </Suspense>
            )}
      </main>
    </>
  );
}

function Screen({ view, session, navigate }: { view: View } & ScreenProps) {
  switch (view.name) {
    case 'mous': return <MouList session={session} navigate={navigate} />;
    case 'mou': return <MouDetail key={view.id} id={view.id} session={session} navigate={navigate} />;
    case 'new-mou': return <NewMou session={session} navigate={navigate} />;
    case 'permissions': return <Permissions session={session} navigate={navigate} />;
    case 'admin-log': return <AdminLog session={session} navigate={navigate} />;
    case 'disclosures': return <Disclosures session={session} navigate={navigate} />;
    case 'explain': return <ExplainAccess session={session} navigate={navigate} />;
  }
}

function Navigation({ session, view, navigate }: { view: View } & ScreenProps) {
  const t = useT();
  const admin = session.roles.includes('MOU_ADMIN');
  const auditor = session.roles.includes('AUDITOR');
  const items: { name: View['name']; show: boolean }[] = [
    { name: 'mous', show: true },
    { name: 'permissions', show: true },
    { name: 'explain', show: admin || auditor },
    { name: 'admin-log', show: admin || auditor },
    { name: 'disclosures', show: admin || auditor },
  ];
  const current = view.name === 'mou' || view.name === 'new-mou' ? 'mous' : view.name;
  return (
    <nav aria-label={t('nav.label')} className="nav">
      <ul>
        {items.filter((i) => i.show).map((i) => (
          <li key={i.name}>
            <Button className="nav-link" aria-current={current === i.name ? 'page' : undefined}
              onPress={() => navigate({ name: i.name } as View)}>{t(`nav.${i.name}` as never)}</Button>
          </li>
        ))}
        <li><Link className="nav-link" href="/graphql" target="_blank">{t('nav.ide')}</Link></li>
      </ul>
    </nav>
  );
}

function LanguagePicker() {
  const t = useT();
  return (
    <LanguageContext.Consumer>
      {({ language, setLanguage }) => (
        <div className="language">
          <SelectField label={t('app.language')} value={language} onChange={setLanguage}
            options={LANGUAGES.map((l) => ({ id: l.code, label: l.name }))} />
        </div>
      )}
    </LanguageContext.Consumer>
  );
}
