// The flows-schemes feature's pages and menu entries, plugged into the shell (main.tsx): HR's approval
// flows and rating schemes (loaded on demand, as their own chunk), and "Rate my team" for a rater who
// leads no unit (the server checks every request again).
import type { JSX } from 'preact';
import { t } from '../i18n/index.js';
import { lazyPages } from '../lazy.js';
import { match } from '../router.js';
import type { Me } from '../types.js';

const Lazy = lazyPages(() => import('../pages/flows-schemes/pages.js'));

/** The page for a path this feature owns, or undefined. */
export function flowsSchemesRoute(path: string, _me: Me): JSX.Element | undefined {
  if (path === '/hr/flows') return <Lazy render={(p) => <p.HrFlows />} />;
  if (path === '/hr/schemes') return <Lazy render={(p) => <p.HrSchemes />} />;
  const m = match('/hr/flows/:key', path);
  if (m) return <Lazy key={m.key} render={(p) => <p.FlowEditor flowKey={m.key!} />} />;
  return undefined;
}

/** Menu entries [href, label] this feature adds for the signed-in person. */
export function flowsSchemesNav(me: Me): [string, string][] {
  return [
    // Managers already have "Team ratings" (which holds the rater form); others who rate get this entry.
    ...(me.isRater && !me.isManager ? ([['/app/team/ratings', t('x.fs.nav.rate')]] as [string, string][]) : []),
    ...(me.isHr
      ? ([
          ['/app/hr/flows', t('x.fs.nav.flows')],
          ['/app/hr/schemes', t('x.fs.nav.schemes')],
        ] as [string, string][])
      : []),
  ];
}
