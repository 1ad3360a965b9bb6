// The application shell: decides between first-run setup, sign-in and the signed-in layout
// (header, navigation, the current screen).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api';
import { closeEvents, openEvents } from './events';
import { getLang, onLangChange, setLang, t, type TextKey } from './i18n';
import { matchRoute, navigate, useLocation } from './router';
import { SessionContext, canSend, isAdmin } from './session';
import type { Role, Session } from './types';
import { ErrorBox } from './components/common';
import { SetupScreen } from './screens/setup';
import { LoginScreen } from './screens/login';
import { PasswordScreen } from './screens/password';
import { OverviewScreen } from './screens/overview';
import { ComposeScreen } from './screens/compose';
import { MessagesScreen } from './screens/messages';
import { MessageScreen } from './screens/message';
import { InboxScreen } from './screens/inbox';
import { ThreadScreen } from './screens/thread';
import { RegistrationsScreen } from './screens/registrations';
import { ContactsScreen } from './screens/contacts';
import { GroupsScreen } from './screens/groups';
import { RegisterScreen } from './screens/register';
import { PrivacyScreen } from './screens/privacy';
import { AuditScreen } from './screens/audit';
import { SettingsScreen } from './screens/settings';
import { NotFoundScreen } from './screens/not_found';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; session: Session };

interface Route {
  path: string;
  label?: TextKey; // in the navigation when set
  show?: (role: Role) => boolean;
  render: (params: Record<string, string>) => preact.JSX.Element;
}

const routes: Route[] = [
  { path: '/', label: 'nav.overview', render: () => <OverviewScreen /> },
  { path: '/send', label: 'nav.send', show: canSend, render: () => <ComposeScreen /> },
  { path: '/messages', label: 'nav.messages', render: () => <MessagesScreen /> },
  { path: '/messages/:id', render: (p) => <MessageScreen id={Number(p.id)} /> },
  { path: '/inbox', label: 'nav.inbox', render: () => <InboxScreen /> },
  { path: '/inbox/:phone', render: (p) => <ThreadScreen phone={p.phone} /> },
  { path: '/registrations', label: 'nav.registrations', render: () => <RegistrationsScreen /> },
  { path: '/contacts', label: 'nav.contacts', render: () => <ContactsScreen /> },
  { path: '/groups', label: 'nav.groups', render: () => <GroupsScreen /> },
  { path: '/register', label: 'nav.register', render: () => <RegisterScreen /> },
  { path: '/privacy', label: 'nav.privacy', show: canSend, render: () => <PrivacyScreen /> },
  { path: '/audit', label: 'nav.audit', show: isAdmin, render: () => <AuditScreen /> },
  { path: '/settings', label: 'nav.settings', show: isAdmin, render: () => <SettingsScreen /> },
  { path: '/password', render: () => <PasswordScreen /> },
];

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [, setLangTick] = useState(0);
  useEffect(() => onLangChange(() => setLangTick((n) => n + 1)), []);

  const signIn = (session: Session) => {
    setCsrfToken(session.csrf_token);
    setState({ kind: 'signed-in', session });
    openEvents();
  };
  const signOut = () => {
    setCsrfToken('');
    closeEvents();
    setState({ kind: 'signed-out' });
  };

  useEffect(() => {
    setUnauthenticatedHandler(signOut);
    (async () => {
      try {
        const setup = await api.get<{ required: boolean }>('/api/v1/setup');
        if (setup.required) return setState({ kind: 'setup' });
        // A reloaded page gets its session (and CSRF token) back from the cookie.
        signIn(await api.get<Session>('/api/v1/session', undefined, { allowUnauthenticated: true }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) setState({ kind: 'signed-out' });
        else setState({ kind: 'failed', error: e });
      }
    })();
  }, []);

  switch (state.kind) {
    case 'loading':
      return <p class="boot">{t('common.loading')}</p>;
    case 'failed':
      return (
        <main class="boot">
          <ErrorBox error={state.error} />
          <button type="button" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </button>
        </main>
      );
    case 'setup':
      return <SetupScreen onDone={signIn} />;
    case 'signed-out':
      return <LoginScreen onSignedIn={signIn} />;
    case 'signed-in':
      return (
        <SessionContext.Provider
          value={{ session: state.session, signedOut: signOut, replaced: signIn }}
        >
          <Shell session={state.session} onSignOut={signOut} />
        </SessionContext.Provider>
      );
  }
}

function LanguageSwitch() {
  const other = getLang() === 'cs' ? 'en' : 'cs';
  return (
    <button
      type="button"
      class="link-button"
      lang={other}
      onClick={() => setLang(other)}
      data-testid="language-switch"
    >
      {other === 'en' ? 'English' : 'Čeština'}
    </button>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const role = session.user.role;
  const signOut = async () => {
    try {
      await api.del('/api/v1/session');
    } catch {
      // signed out on the server already, or unreachable: forget the session here anyway
    }
    onSignOut();
    navigate('/', true);
  };
  useEffect(() => setMenuOpen(false), [path]);

  let screen: preact.JSX.Element | null = null;
  for (const r of routes) {
    const params = matchRoute(r.path, path);
    if (!params) continue;
    screen =
      r.show && !r.show(role) ? (
        <p class="alert alert-error" role="alert" data-testid="forbidden">
          {t('error.forbidden')}
        </p>
      ) : (
        r.render(params)
      );
    break;
  }
  const active = (p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(p + '/'));

  return (
    <div class="layout">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <a href="/" class="brand">
          <span class="brand-mark" aria-hidden="true">SMS</span>
          <span>{session.organization.name || 'SMS Info'}</span>
        </a>
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('nav.menu')}
        </button>
        <div class="user-bar">
          <span class="muted" data-testid="current-user">
            {session.user.username} ({t(`role.${role}` as TextKey)})
          </span>
          <LanguageSwitch />
          <a href="/password">{t('nav.password')}</a>
          <button type="button" class="link-button" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav id="main-nav" class={menuOpen ? 'sidebar open' : 'sidebar'} aria-label={t('nav.label')}>
        <ul>
          {routes
            .filter((r) => r.label && (!r.show || r.show(role)))
            .map((r) => (
              <li key={r.path}>
                <a
                  href={r.path}
                  aria-current={active(r.path) ? 'page' : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {t(r.label!)}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" class="content">
        {screen ?? <NotFoundScreen />}
      </main>
    </div>
  );
}
