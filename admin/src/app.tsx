import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, atLeast, setCsrf, setUnauthorizedHandler, type User } from './api.ts';
import { Dialog } from './components/dialog.tsx';
import { ErrorSummary, LiveRegion, PageHeading, Spinner, announce, markNavigated } from './components/ui.tsx';
import { adminLang, reloadIn, remember } from './lang.ts';
import { t } from './i18n.ts';
import { interceptLinks, match, navigate, useLocation, BASE } from './router.ts';
import { ArticleEditor } from './screens/article-editor.tsx';
import { ArticleList } from './screens/article-list.tsx';
import { LoginForm, LoginScreen, SetupScreen, type Session } from './screens/auth.tsx';
import { HomepageScreen } from './screens/homepage.tsx';
import { MediaLibrary } from './screens/media-library.tsx';
import { TokensScreen, UsersScreen } from './screens/accounts.tsx';
import { IngestScreen } from './screens/ingest.tsx';
import { LiveDesk } from './screens/live-desk.tsx';
import { RedirectsScreen } from './screens/redirects.tsx';
import { SectionsScreen } from './screens/sections.tsx';
import { MenusScreen } from './screens/menus.tsx';
import { PagesScreen } from './screens/pages.tsx';
import { tStructure } from './i18n-structure.ts';
import { PeopleScreen } from './screens/people.tsx';
import { TopicsScreen } from './screens/topics.tsx';
import { AuthorsScreen } from './screens/authors.tsx';
import { tp } from './i18n-people.ts';
import { WebhooksScreen } from './screens/webhooks.tsx';
import { AlertsScreen } from './screens/alerts.tsx';
import { VideoLibrary } from './screens/video-library.tsx';
import { VideoEditor } from './screens/video-editor.tsx';
import { ChannelScreen } from './screens/channel.tsx';
import { EditionsScreen } from './screens/editions.tsx';
import { editionWords } from './i18n-editions.ts';
import { IdentityScreen } from './screens/identity.tsx';
import { identityWords } from './i18n-identity.ts';
import { pick } from './lang.ts';

type Phase = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'setup' } | { kind: 'login' } | { kind: 'ready'; user: User };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const loc = useLocation();
  const rootRef = useRef<HTMLDivElement>(null);
  const firstPath = useRef(loc.path);

  useEffect(() => {
    (async () => {
      try {
        const setup = await api.get<{ needed: boolean }>('/api/admin/setup', { quiet401: true });
        if (setup.needed) return setPhase({ kind: 'setup' });
        try {
          const s = await api.get<Session>('/api/admin/session', { quiet401: true });
          setCsrf(s.csrf);
          if (s.user.language) remember(s.user.language);
          setPhase({ kind: 'ready', user: s.user });
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) setPhase({ kind: 'login' });
          else throw err;
        }
      } catch (err) {
        setPhase({ kind: 'error', error: err });
      }
    })();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setExpired(true));
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => (rootRef.current ? interceptLinks(rootRef.current) : undefined), []);

  useEffect(() => {
    if (loc.path !== firstPath.current) markNavigated();
  }, [loc.path]);

  const signedIn = (s: Session) => {
    // Someone who reads the admin in the other language: the app is loaded again in theirs
    // (not on signing in again after the session expired: unsaved work is on the page).
    if (phase.kind !== 'ready' && s.user.language && s.user.language !== adminLang()) return reloadIn(s.user.language);
    setExpired(false);
    setPhase({ kind: 'ready', user: s.user });
    if (loc.path === '/login' || loc.path === '/setup' || loc.path === '/') navigate(`${BASE}/articles`, { replace: true });
  };

  const logout = async () => {
    try {
      await api.del('/api/admin/session');
    } catch {
      // Already signed out on the server: nothing more to do.
    }
    setCsrf(null);
    setPhase({ kind: 'login' });
  };

  const user = phase.kind === 'ready' ? phase.user : null;

  return (
    <div ref={rootRef} class="app">
      <a class="skip-link" href="#main">
        {t.skipLink}
      </a>
      <header class="app-header">
        <a class="brand" href={`${BASE}/articles`}>
          {t.brand} <span class="brand__sub">{t.brandSub}</span>
        </a>
        {user ? <MainNav user={user} path={loc.path} onLogout={logout} /> : null}
      </header>
      <main id="main" tabIndex={-1} class="app-main">
        {phase.kind === 'loading' ? <Spinner /> : null}
        {phase.kind === 'error' ? <ErrorSummary error={phase.error} /> : null}
        {phase.kind === 'setup' ? <SetupScreen onDone={signedIn} /> : null}
        {phase.kind === 'login' ? <LoginScreen onDone={signedIn} /> : null}
        {user ? <Routes user={user} path={loc.path} query={loc.query} /> : null}
      </main>
      <Dialog title={t.login.title} open={expired && !!user} onClose={() => setExpired(false)}>
        <LoginForm expired onDone={signedIn} />
      </Dialog>
      <LiveRegion />
    </div>
  );
}

function MainNav(props: { user: User; path: string; onLogout: () => void }) {
  const editor = atLeast(props.user, 'editor');
  const admin = atLeast(props.user, 'admin');
  // Three groups, so that twenty screens stay findable: the day's work, the site's shape, the accounts and settings.
  const groups: Array<{ title: string; items: Array<{ href: string; label: string; show: boolean }> }> = [
    {
      title: t.nav.groups.newsroom,
      items: [
        { href: '/articles', label: t.nav.articles, show: true },
        { href: '/ingest', label: t.nav.ingest, show: true },
        { href: '/alerts', label: t.nav.alerts, show: editor },
        { href: '/media', label: t.nav.media, show: true },
        { href: '/videos', label: t.nav.videos, show: true },
        { href: '/channel', label: t.nav.channel, show: editor },
        { href: '/homepage', label: t.nav.homepage, show: editor },
      ],
    },
    {
      title: t.nav.groups.site,
      items: [
        { href: '/sections', label: tStructure().sections.title, show: editor },
        { href: '/menus', label: tStructure().menus.title, show: editor },
        { href: '/pages', label: tStructure().pages.title, show: editor },
        { href: '/people', label: tp().nav.people, show: editor },
        { href: '/topics', label: tp().nav.topics, show: editor },
        { href: '/authors', label: tp().nav.authors, show: editor },
        { href: '/redirects', label: t.nav.redirects, show: editor },
      ],
    },
    {
      title: t.nav.groups.admin,
      items: [
        { href: '/editions', label: editionWords().nav, show: admin },
        { href: '/identity', label: identityWords().title, show: admin },
        { href: '/users', label: t.nav.users, show: admin },
        { href: '/tokens', label: t.nav.tokens, show: admin },
        { href: '/webhooks', label: t.nav.webhooks, show: admin },
      ],
    },
  ];
  return (
    <>
      <nav aria-label={t.mainNav} class="main-nav">
        {groups
          .map((g) => ({ ...g, items: g.items.filter((i) => i.show) }))
          .filter((g) => g.items.length > 0)
          .map((g) => (
            <div class="main-nav__group" key={g.title}>
              <span class="main-nav__title" aria-hidden="true">{g.title}</span>
              <ul aria-label={g.title}>
                {g.items.map((i) => (
                  <li key={i.href}>
                    <a href={BASE + i.href} aria-current={props.path === i.href || props.path.startsWith(`${i.href}/`) ? 'page' : undefined}>
                      {i.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </nav>
      <div class="user-box">
        <span>{t.nav.signedInAs(props.user.name, t.roles[props.user.role] ?? props.user.role)}</span>
        {props.user.kind === undefined || props.user.kind === 'user' ? <LanguageChoice /> : null}
        <button type="button" class="btn btn--quiet" onClick={props.onLogout}>
          {t.nav.logout}
        </button>
      </div>
    </>
  );
}

/** The person's admin language, kept on their account; the app reloads in it. */
function LanguageChoice() {
  const [error, setError] = useState<unknown>(null);
  const change = async (lang: string) => {
    setError(null);
    try {
      const r = await api.patch<{ user: User }>('/api/admin/session', { language: lang });
      announce(t.nav.languageChanged);
      reloadIn(r.user.language ?? 'fr');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <label class="user-box__lang">
      <span>{t.nav.language}</span>{' '}
      <select value={adminLang()} onChange={(e) => change((e.currentTarget as HTMLSelectElement).value)}>
        {/* Each language named in itself, whichever the page is in. */}
        <option value="fr" lang="fr">
          Français
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
      {error ? <ErrorSummary error={error} /> : null}
    </label>
  );
}

function Routes(props: { user: User; path: string; query: URLSearchParams }) {
  const { user, path } = props;
  if (path === '/' || path === '/login' || path === '/setup') {
    queueMicrotask(() => navigate(`${BASE}/articles`, { replace: true }));
    return null;
  }
  if (path === '/articles') return <ArticleList user={user} query={props.query} />;
  // One key for both: the editor that creates an article stays mounted when its address becomes /articles/:id.
  if (path === '/articles/new') return <ArticleEditor key="editor" user={user} id={null} />;
  const m = match('/articles/:id', path);
  if (m && /^\d+$/.test(m.id)) return <ArticleEditor key="editor" user={user} id={Number(m.id)} />;
  const desk = match('/articles/:id/direct', path);
  if (desk && /^\d+$/.test(desk.id)) return <LiveDesk key={desk.id} user={user} id={Number(desk.id)} />;
  if (path === '/media') return <MediaLibrary />;
  if (path === '/videos') return <VideoLibrary user={user} query={props.query} />;
  const video = match('/videos/:id', path);
  if (video && /^\d+$/.test(video.id)) return <VideoEditor key={video.id} user={user} id={Number(video.id)} />;
  // The live channel, its schedule and its shows (one screen per edition, with tabs).
  if (path === '/channel') return atLeast(user, 'editor') ? <ChannelScreen user={user} query={props.query} /> : <NotFound forbidden />;
  if (path === '/ingest') return <IngestScreen user={user} query={props.query} />;
  if (path === '/alerts') return atLeast(user, 'editor') ? <AlertsScreen user={user} /> : <NotFound forbidden />;
  if (path === '/webhooks') return atLeast(user, 'admin') ? <WebhooksScreen /> : <NotFound forbidden />;
  if (path === '/redirects') return atLeast(user, 'editor') ? <RedirectsScreen query={props.query} /> : <NotFound forbidden />;
  if (path === '/sections') return atLeast(user, 'editor') ? <SectionsScreen /> : <NotFound forbidden />;
  if (path === '/menus') return atLeast(user, 'editor') ? <MenusScreen /> : <NotFound forbidden />;
  if (path === '/pages') return atLeast(user, 'editor') ? <PagesScreen /> : <NotFound forbidden />;
  if (path === '/people' || path.startsWith('/people/')) return atLeast(user, 'editor') ? <PeopleScreen path={path} query={props.query} /> : <NotFound forbidden />;
  if (path === '/topics' || path.startsWith('/topics/')) return atLeast(user, 'editor') ? <TopicsScreen path={path} query={props.query} /> : <NotFound forbidden />;
  if (path === '/authors' || path.startsWith('/authors/')) return atLeast(user, 'editor') ? <AuthorsScreen path={path} query={props.query} /> : <NotFound forbidden />;
  if (path === '/homepage') return atLeast(user, 'editor') ? <HomepageScreen /> : <NotFound forbidden />;
  if (path === '/users') return atLeast(user, 'admin') ? <UsersScreen /> : <NotFound forbidden />;
  if (path === '/tokens') return atLeast(user, 'admin') ? <TokensScreen /> : <NotFound forbidden />;
  if (path === '/editions') return atLeast(user, 'admin') ? <EditionsScreen /> : <NotFound forbidden />;
  if (path === '/identity') return atLeast(user, 'admin') ? <IdentityScreen /> : <NotFound forbidden />;
  return <NotFound />;
}

function NotFound(props: { forbidden?: boolean }) {
  return (
    <>
      <PageHeading title={t.notFound.title} />
      <p>{props.forbidden ? t.notFound.forbidden : t.notFound.body}</p>
      <p>
        <a href={`${BASE}/articles`}>{t.nav.articles}</a>
      </p>
    </>
  );
}
