// The mini-app shell: who is signed in, the menu for their roles (the server checks every request again),
// the language switch, and the page for the current path.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure, setCsrf, signInPath } from './api.js';
import { locale, setLocale, t } from './i18n/index.js';
import { flowsSchemesRoute } from './features/flows-schemes.js';
import { pulseAdminRoute } from './features/pulse-admin.js';
import { AccountMenu, ManagePage, MePage, Sidebar, TabBar } from './features/shell.js';
import { Approvals } from './pages/approvals.js';
import { Claim } from './pages/claim.js';
import { Nominate } from './pages/nominate.js';
import { AuthorConversationPage } from './pages/conversations/author.js';
import { DeskPage } from './pages/desk/desk-page.js';
import { Home } from './pages/home.js';
import { lazyPages } from './lazy.js';
import { HrLaunch } from './pages/hr-launch.js';
import { HrReport } from './pages/hr-report.js';
import { MyRatingsPage } from './pages/my-ratings.js';
import { Request } from './pages/request.js';
import { FormKinds, FormRequest } from './pages/form-request.js';
import { LeaderboardPage } from './pages/leaderboard.js';
import { Rewards } from './pages/rewards.js';
import { SignIn } from './pages/signin.js';
import { Survey } from './pages/survey.js';
import { Team } from './pages/team.js';
import { TeamRatingsPage } from './pages/team-ratings.js';
import { TrainingPage } from './pages/training.js';
import { Transfer } from './pages/transfer.js';
import { match, navigate, onLinkClick, useLocation } from './router.js';
import type { Me } from './types.js';
import { Failure } from './ui.js';
import './styles.css';
import './a11y.css';
import { GuidePage } from './pages/guide/guide-page.js';

/** HR's administration pages (and the team's conversations): their own chunk, loaded when opened. */
const Admin = lazyPages(() => import('./pages/hr-admin-pages.js'));
/** Announcements (everyone's notices; composing for HR and unit heads): their own chunk too. */
const Announcements = lazyPages(() => import('./pages/announcements/pages.js'));
/** Development paths (My path, HR's editor): their own chunk too. */
const Paths = lazyPages(() => import('./pages/paths/pages.js'));
/** A person's status page (managers and HR): its own chunk too. */
const PersonStatus = lazyPages(() => import('./pages/person-status/pages.js'));
/** Guided scenario demos (the sandbox's demo company): their own chunk too. */
const Demos = lazyPages(() => import('./pages/demos/pages.js'));
/** Today's attendance (unit heads and HR): its own chunk too. */
const Attendance = lazyPages(() => import('./pages/attendance/pages.js'));

function Routes({ me, path }: { me: Me; path: string }) {
  let p: Record<string, string> | undefined;
  // HR and managers open on their desk (their own cards below it); everyone else on their home.
  if (path === '/')
    return me.isHr ? <DeskPage kind="hr" /> : me.isManager ? <DeskPage kind="team" /> : <Home me={me} />;
  if ((p = match('/survey/:id', path))) return <Survey waveId={p.id!} />;
  if ((p = match('/requests/:id', path))) return <Request id={p.id!} />;
  if (path === '/claim') return <Claim />;
  if (path === '/nominate') return <Nominate />;
  if (path === '/rewards') return <Rewards />;
  if (path === '/leaderboard') return <LeaderboardPage />;
  if (path === '/transfer') return <Transfer />;
  if (path === '/apply') return <FormKinds />;
  if ((p = match('/apply/:key', path))) return <FormRequest kindKey={p.key!} />;
  if (path === '/approvals') return <Approvals />;
  if (path === '/me') return <MePage me={me} />;
  if (path === '/manage') return <ManagePage me={me} />;
  if (path === '/ratings') return <MyRatingsPage />;
  if (path === '/training') return <TrainingPage />;
  if (path === '/path') return <Paths render={(a) => <a.MyPath />} />;
  if (path === '/hr/paths') return <Paths render={(a) => <a.HrPaths />} />;
  if (path === '/announcements') return <Announcements render={(a) => <a.AnnouncementsPage me={me} />} />;
  if (path === '/team') return <Team />;
  if ((p = match('/people/:id', path))) {
    const id = p.id!;
    return <PersonStatus key={id} render={(s) => <s.PersonStatusPage id={id} />} />;
  }
  if (path === '/team/ratings') return <TeamRatingsPage />;
  if (path === '/hr' || path === '/hr/launch') return <HrLaunch />;
  if (path === '/hr/report') return <HrReport />;
  if (path === '/hr/audit') return <Admin render={(a) => <a.HrAudit />} />;
  if (path === '/hr/settings') return <Admin render={(a) => <a.HrSettings />} />;
  if (path === '/hr/org') return <Admin render={(a) => <a.HrOrg />} />;
  if (path === '/hr/privacy') return <Admin render={(a) => <a.HrPrivacy />} />;
  if (path === '/hr/tags') return <Admin render={(a) => <a.HrTags />} />;
  if (path === '/hr/ratings') return <Admin render={(a) => <a.HrRatings />} />;
  if ((p = match('/hr/ratings/:id', path))) {
    const id = p.id!;
    return <Admin key={id} render={(a) => <a.HrRatingCycle id={id} />} />;
  }
  if (path === '/hr/turnaround') return <Admin render={(a) => <a.HrTurnaround />} />;
  if (path === '/hr/turnover') return <Admin render={(a) => <a.HrTurnover />} />;
  if (path === '/guide') return <GuidePage />;
  if (path === '/demos') return <Demos render={(d) => <d.DemosPage />} />;
  if (path === '/today') return <Attendance render={(a) => <a.TodayPage />} />;
  if (path === '/hr/delivery') return <Admin render={(a) => <a.HrDelivery />} />;
  if (path === '/hr/conversations') return <Admin render={(a) => <a.TeamConversationsPage />} />;
  if ((p = match('/hr/conversations/:threadId', path))) {
    const threadId = p.threadId!;
    return <Admin key={threadId} render={(a) => <a.TeamThreadPage threadId={threadId} isHr={me.isHr} />} />;
  }
  if (path === AUTHOR_PAGE) return <AuthorConversationPage />;
  const feature = pulseAdminRoute(path, me) ?? flowsSchemesRoute(path, me);
  if (feature) return feature;
  return <Failure error={new ApiFailure(404, t('error.notFound'))} />;
}

/** A comment's author, by the key in the link: no sign-in, no /api/me (see pages/conversations/author.tsx). */
const AUTHOR_PAGE = '/conversation';

/** The author's page opened from a link: outside the signed-in shell, so nothing identifies the reader. */
function AuthorShell() {
  const [, setLang] = useState(locale());
  return (
    <div class="shell">
      <header class="top">
        {/* A full page load (target): the signed-in shell starts from scratch. */}
        <a class="brand" href="/app/" target="_self">
          Vitality 元气
        </a>
        <button
          type="button"
          class="link"
          onClick={() => {
            const next = locale() === 'en' ? 'zh-CN' : 'en';
            setLocale(next);
            setLang(next);
          }}
        >
          {t('lang.switch')}
        </button>
      </header>
      <div class="frame">
        <AuthorConversationPage />
      </div>
    </div>
  );
}

function App() {
  const { path } = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [, setLang] = useState(locale());
  const loadMe = async () => {
    try {
      const m = await api<Me>('GET', '/me');
      setCsrf(m.csrf);
      setLocale(m.locale);
      setLang(m.locale);
      setMe(m);
      return m;
    } catch {
      setMe(null);
      return null;
    }
  };
  useEffect(() => {
    if (path !== '/signin' && path !== AUTHOR_PAGE) void loadMe();
  }, []);
  useEffect(() => {
    // Signed out (or the session ended) on a page that needs a session: go to sign-in, keep the page.
    if (me === null && path !== '/signin' && path !== AUTHOR_PAGE) navigate(signInPath(), true);
  }, [me, path]);
  if (path === AUTHOR_PAGE && !me) return <AuthorShell />;

  if (path === '/signin')
    return (
      <div class="shell">
        <header class="top">
          <span class="brand">Vitality 元气</span>
        </header>
        <SignIn
          onSignedIn={async (next) => {
            await loadMe();
            // A download link: fetch it now that there is a session, and stay in the app.
            if (next.startsWith('/exports/')) {
              window.location.assign(next);
              navigate('/', true);
              return;
            }
            navigate(next, true);
          }}
        />
      </div>
    );
  if (!me) return <p class="muted center">{t('loading')}</p>;

  const switchLanguage = async () => {
    const next = locale() === 'en' ? 'zh-CN' : 'en';
    await api('PUT', '/me/locale', { locale: next });
    // Server-made texts (survey questions, request names) come in the new language on reload.
    location.reload();
  };
  const current = `/app${path === '/' ? '/' : path}`;
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="/app/">
          Vitality 元气
        </a>
        {me.demo && (
          <span class="demo-badge" title={t('layout.demo.hint')}>
            {t('layout.demo.badge')}
          </span>
        )}
        <AccountMenu me={me}>
          <button type="button" class="link" onClick={() => void switchLanguage()}>
            {t('lang.switch')}
          </button>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await api('DELETE', '/session');
              setMe(null);
            }}
          >
            {t('signout')}
          </button>
        </AccountMenu>
      </header>
      <div class="frame">
        <Sidebar me={me} current={current} />
        <Routes me={me} path={path} />
      </div>
      <TabBar me={me} current={current} />
    </div>
  );
}

document.addEventListener('click', onLinkClick);
render(<App />, document.getElementById('root')!);
