// The shell around every page, one layout per size (issue 19 item 5). Phones keep the single column with a
// compact header — the brand and one account button; the name, language and sign-out sit in its menu, so
// nothing wraps into fragments — and a bottom tab bar (home / approvals / me, and one "manage" entry for
// every manager and HR page), as Feishu's and DingTalk's H5 apps do. From 1024 px the menu is a sidebar
// with every entry visible in groups, and pages use the width. The breakpoint is in styles.css too.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type WebKey } from '../i18n/index.js';
import type { Me } from '../types.js';
import { Page } from '../ui.js';
import { flowsSchemesNav } from './flows-schemes.js';
import { pulseAdminNav } from './pulse-admin.js';

export const WIDE_QUERY = '(min-width: 1024px)';

/** True from the desktop breakpoint up; follows window resizes (and zoom, which changes the CSS width). */
export function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE_QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(WIDE_QUERY);
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return wide;
}

type Group = 'main' | 'mine' | 'team' | 'hr';
interface NavItem {
  href: string;
  label: string;
  group: Group;
}

/** Every menu entry for this person, in order, each in its group (the server checks every page again). */
export function navItems(me: Me): NavItem[] {
  const item =
    (group: Group) =>
    ([href, label]: [string, string]): NavItem => ({ href, label, group });
  // Feature entries: HR pages under /app/hr, the team's (and follow-ups) with the team, the rest are one's own.
  const featureGroup = (href: string): Group =>
    href.startsWith('/app/hr/') ? 'hr' : href === '/app/followups' ? 'team' : 'mine';
  const features = [...pulseAdminNav(me), ...flowsSchemesNav(me)].map(([href, label]) => ({
    href,
    label,
    group: featureGroup(href),
  }));
  const inGroup = (g: Group) => features.filter((f) => f.group === g);
  return [
    item('main')(['/app/', t('nav.home')]),
    item('main')(['/app/approvals', t('nav.approvals')]),
    item('mine')(['/app/ratings', t('nav.myRatings')]),
    item('mine')(['/app/leaderboard', t('nav.leaderboard')]),
    item('mine')(['/app/training', t('nav.training')]),
    item('mine')(['/app/path', t('nav.path')]),
    item('mine')(['/app/announcements', t('nav.announcements')]),
    ...inGroup('mine'),
    ...(me.isManager
      ? (
          [
            ['/app/team', t('nav.team')],
            ['/app/team/ratings', t('nav.teamRatings')],
          ] as [string, string][]
        ).map(item('team'))
      : []),
    ...inGroup('team'),
    ...(me.isHr
      ? (
          [
            ['/app/hr', t('nav.launch')],
            ['/app/hr/report', t('nav.report')],
            ['/app/hr/audit', t('nav.audit')],
            ['/app/hr/turnaround', t('nav.turnaround')],
            ['/app/hr/turnover', t('turnover.page.title')],
            ['/app/hr/delivery', t('nav.delivery')],
            ['/app/hr/tags', t('nav.tags')],
            ['/app/hr/ratings', t('nav.hrRatings')],
            ['/app/hr/paths', t('nav.hrPaths')],
            ['/app/hr/org', t('nav.org')],
            ['/app/hr/privacy', t('nav.privacy')],
            ['/app/hr/settings', t('nav.settings')],
          ] as [string, string][]
        ).map(item('hr'))
      : []),
    ...inGroup('hr'),
  ];
}

const GROUP_TITLE: Record<Exclude<Group, 'main'>, WebKey> = {
  mine: 'layout.group.mine',
  team: 'layout.group.team',
  hr: 'layout.group.hr',
};

/** Which entry a path belongs to: the longest menu href that is the path or a parent of it. */
function currentItem(items: NavItem[], current: string): NavItem | undefined {
  const norm = (h: string) => (h.endsWith('/') ? h.slice(0, -1) : h);
  const c = norm(current);
  return items
    .filter((i) => {
      const h = norm(i.href);
      return c === h || (h !== '/app' && c.startsWith(`${h}/`));
    })
    .sort((a, b) => b.href.length - a.href.length)[0];
}

/** The desktop sidebar: all entries, grouped; hidden on phones (the tab bar and the me/manage pages). */
export function Sidebar({ me, current }: { me: Me; current: string }) {
  const items = navItems(me);
  const here = currentItem(items, current);
  const groups: Group[] = ['main', 'mine', 'team', 'hr'];
  return (
    <nav class="tabs sidebar" aria-label={t('layout.nav')}>
      {groups.map((g) => {
        const inG = items.filter((i) => i.group === g);
        if (!inG.length) return null;
        return (
          <>
            {g !== 'main' && (
              <p class="nav-group" aria-hidden="true">
                {t(GROUP_TITLE[g])}
              </p>
            )}
            {inG.map((i) => (
              <a href={i.href} aria-current={here === i ? 'page' : undefined} title={i.label}>
                {i.label}
              </a>
            ))}
          </>
        );
      })}
    </nav>
  );
}

const ICONS: Record<'home' | 'approvals' | 'me' | 'manage', string> = {
  home: 'M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z',
  approvals: 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9',
  me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0',
  manage: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
};

/** The phone's bottom tab bar: home, approvals, me, and "manage" for those with manager or HR pages. */
export function TabBar({ me, current }: { me: Me; current: string }) {
  const items = navItems(me);
  const here = currentItem(items, current);
  const manages = items.some((i) => i.group === 'team' || i.group === 'hr');
  const at = (tab: 'home' | 'approvals' | 'me' | 'manage'): boolean => {
    if (tab === 'me') return current === '/app/me' || here?.group === 'mine';
    if (tab === 'manage') return current === '/app/manage' || here?.group === 'team' || here?.group === 'hr';
    return here?.href === (tab === 'home' ? '/app/' : '/app/approvals');
  };
  const tabs: ['home' | 'approvals' | 'me' | 'manage', string, string][] = [
    ['home', '/app/', t('nav.home')],
    ['approvals', '/app/approvals', t('nav.approvals')],
    ['me', '/app/me', t('layout.me')],
    ...(manages ? ([['manage', '/app/manage', t('layout.manage')]] as ['manage', string, string][]) : []),
  ];
  return (
    <nav class="tabbar" aria-label={t('layout.tabbar')}>
      {tabs.map(([key, href, label]) => (
        <a href={href} aria-current={at(key) ? 'page' : undefined} data-tab={key}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path
              d={ICONS[key]}
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linejoin="round"
              stroke-linecap="round"
            />
          </svg>
          <span>{label}</span>
        </a>
      ))}
    </nav>
  );
}

/** The header's account controls: inline on the desktop; on phones one button (the initial) opening a menu. */
export function AccountMenu({ me, children }: { me: Me; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        root.current?.querySelector<HTMLButtonElement>('.account-button')?.focus();
      }
    };
    document.addEventListener('click', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('click', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const label = t('layout.account', { name: me.name });
  return (
    <div class="account" ref={root}>
      <button
        type="button"
        class="account-button"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{[...me.name.trim()][0] ?? '?'}</span>
      </button>
      <div id="account-menu" class={`account-menu${open ? ' open' : ''}`}>
        <span class="who" data-me={me.id} title={me.name}>
          {me.name}
        </span>
        {children}
      </div>
    </div>
  );
}

function LinkList({ items }: { items: { href: string; label: string }[] }) {
  return (
    <ul class="menu-list">
      {items.map((i) => (
        <li>
          <a href={i.href} title={i.label}>
            {i.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The phone's "me" tab: one's own pages and the points actions (the desktop has them in the sidebar/home). */
export function MePage({ me }: { me: Me }) {
  const mine = navItems(me).filter((i) => i.group === 'mine');
  return (
    <Page title={t('layout.me')}>
      <section class="card">
        <p class="who-full" title={me.name}>
          <strong>{me.name}</strong>
          {me.unit && <span class="muted"> · {me.unit}</span>}
        </p>
        <LinkList items={mine} />
      </section>
      <section class="card">
        <h2>{t('layout.me.points')}</h2>
        <LinkList
          items={[
            { href: '/app/claim', label: t('nav.claim') },
            { href: '/app/rewards', label: t('nav.rewards') },
            { href: '/app/leaderboard', label: t('nav.leaderboard') },
            { href: '/app/transfer', label: t('nav.transfer') },
            { href: '/app/apply', label: t('ff.nav') },
          ]}
        />
      </section>
    </Page>
  );
}

/** The phone's "manage" tab: every team and HR page, grouped as in the desktop sidebar. */
export function ManagePage({ me }: { me: Me }) {
  const items = navItems(me);
  const groups = (['team', 'hr'] as const)
    .map((g) => [g, items.filter((i) => i.group === g)] as const)
    .filter(([, list]) => list.length > 0);
  return (
    <Page title={t('layout.manage')}>
      {groups.length === 0 && <p class="muted">{t('layout.manage.none')}</p>}
      {groups.map(([g, list]) => (
        <section class="card" data-group={g}>
          <h2>{t(GROUP_TITLE[g])}</h2>
          <LinkList items={list} />
        </section>
      ))}
    </Page>
  );
}
