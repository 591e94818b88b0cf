// The pulse-admin feature's pages and menu entries, plugged into the shell (main.tsx): survey templates
// and schedules (HR), follow-up actions (managers and HR in the menu; anyone may open their own). The
// pages load on demand as their own chunk; the server checks every request again.
import type { JSX } from 'preact';
import { t } from '../i18n/index.js';
import { lazyPages } from '../lazy.js';
import { match } from '../router.js';
import type { Me } from '../types.js';

const Lazy = lazyPages(() => import('../pages/pulse-admin/pages.js'));

/** The page for a path this feature owns, or undefined. */
export function pulseAdminRoute(path: string, me: Me): JSX.Element | undefined {
  if (path === '/hr/templates') return <Lazy render={(p) => <p.Templates />} />;
  if (path === '/hr/templates/new') return <Lazy render={(p) => <p.TemplateBuilder />} />;
  const m = match('/hr/templates/:id', path);
  if (m) return <Lazy key={m.id} render={(p) => <p.TemplateView id={m.id!} />} />;
  if (path === '/hr/schedules') return <Lazy render={(p) => <p.Schedules />} />;
  const wave = match('/hr/waves/:id', path);
  if (wave) return <Lazy key={`wave-${wave.id}`} render={(p) => <p.WaveView id={wave.id!} />} />;
  if (path === '/followups') return <Lazy render={(p) => <p.FollowUps me={me} />} />;
  return undefined;
}

/** Menu entries [href, label] this feature adds for the signed-in person. */
export function pulseAdminNav(me: Me): [string, string][] {
  return [
    ...(me.isManager || me.isHr ? ([['/app/followups', t('pa.nav.followups')]] as [string, string][]) : []),
    ...(me.isHr
      ? ([
          ['/app/hr/templates', t('pa.nav.templates')],
          ['/app/hr/schedules', t('pa.nav.schedules')],
        ] as [string, string][])
      : []),
  ];
}
