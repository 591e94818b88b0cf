// /help: the commands this person's role allows, in their language, with a language switch.
import type { Locale } from '../src/vocabulary.js';
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export interface HelpView {
  name: string;
  locale: Locale;
  commands: { name: string; summary: string }[];
  appUrl?: string;
}

export function helpCard(v: HelpView, t: Translate): CardView {
  const other: Locale = v.locale === 'en' ? 'zh-CN' : 'en';
  return card({
    header: { title: t('help.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('help.intro', { name: v.name }) },
      { type: 'text', markdown: v.commands.map((c) => `- **/${c.name}** — ${c.summary}`).join('\n') },
      {
        type: 'actions',
        buttons: [
          { label: t('help.whoami'), action: { k: 'cmd', v: 'whoami' } },
          { label: t('help.switchLanguage'), action: { k: 'lang.set', v: other } },
          ...(v.appUrl ? [{ label: t('app.open'), url: v.appUrl }] : []),
        ],
      },
      { type: 'note', text: t('help.footer') },
    ],
  });
}
