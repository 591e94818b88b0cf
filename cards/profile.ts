// /whoami and the Slack App Home: who you are in the org, and where to start.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export interface ProfileView {
  name: string;
  email: string | null;
  unit: string | undefined;
  manager: string | undefined;
  roles: string[];
}

export function profileCard(v: ProfileView, t: Translate): CardView {
  const none = t('whoami.none');
  return card({
    header: { title: t('whoami.title'), tone: 'neutral' },
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('whoami.name'), value: v.name },
          { label: t('whoami.email'), value: v.email ?? none },
          { label: t('whoami.unit'), value: v.unit ?? none },
          { label: t('whoami.manager'), value: v.manager ?? none },
          { label: t('whoami.roles'), value: v.roles.join(', ') },
        ],
      },
    ],
  });
}

export function homeCard(name: string, t: Translate): CardView {
  return card({
    header: { title: t('home.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: `**${name}** — ${t('home.body')}` },
      { type: 'actions', buttons: [{ label: t('home.help'), style: 'primary', action: { k: 'cmd', v: 'help' } }] },
    ],
  });
}
