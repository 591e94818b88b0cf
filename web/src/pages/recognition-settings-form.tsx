// HR's recognition announcements (a section of the settings page, issue 24): which value tags are announced, and
// the company channel or group on each platform with its language. An empty channel is none. A tag's own
// channels (the API's `tags[].channels`) are kept as they are.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t, type WebKey } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

type Settings = Answer<'GET /hr/settings/recognition'>;
type Platform = Settings['settings']['channels'][number]['platform'];
const PLATFORMS: readonly Platform[] = ['slack', 'feishu', 'dingtalk'];
const CHECK = { width: 'auto', minHeight: 0 };

export function RecognitionSettingsForm() {
  const [load] = useApi<Settings>('/hr/settings/recognition');
  return <Loaded load={load}>{(s) => <Editor s={s} />}</Loaded>;
}

function Editor({ s }: { s: Settings }) {
  const [channels, setChannels] = useState(
    Object.fromEntries(
      PLATFORMS.map((p) => {
        const c = s.settings.channels.find((x) => x.platform === p);
        return [p, { chatId: c?.chatId ?? '', locale: c?.locale ?? 'zh-CN' }];
      }),
    ) as Record<Platform, { chatId: string; locale: 'zh-CN' | 'en' }>,
  );
  const [tags, setTags] = useState(new Set(s.settings.tags.map((x) => x.tagId)));
  const submit = useSubmit<Answer<'PUT /hr/settings/recognition'>>();
  const [done, setDone] = useState(false);
  const set = (p: Platform, patch: Partial<{ chatId: string; locale: 'zh-CN' | 'en' }>) =>
    setChannels((c) => ({ ...c, [p]: { ...c[p], ...patch } }));
  return (
    <form
      class="card"
      id="recognition"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const body = {
          // Channels of a platform not shown here (the sandbox) are kept.
          channels: [
            ...s.settings.channels.filter((c) => !PLATFORMS.includes(c.platform)),
            ...PLATFORMS.filter((p) => channels[p].chatId.trim()).map((p) => ({
              platform: p,
              chatId: channels[p].chatId.trim(),
              locale: channels[p].locale,
            })),
          ],
          tags: [...tags].map((tagId) => s.settings.tags.find((x) => x.tagId === tagId) ?? { tagId }),
        };
        if (await submit.run(() => api('PUT', '/hr/settings/recognition', body))) setDone(true);
      }}
    >
      <h2>{t('recognitionSettings.title')}</h2>
      <p class="muted">{t('recognitionSettings.help')}</p>
      {done && <Notice tone="success">{t('recognitionSettings.saved')}</Notice>}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      <fieldset>
        <legend>{t('recognitionSettings.tags')}</legend>
        {s.tags.map((tag) => (
          <label class="inline">
            <input
              type="checkbox"
              style={CHECK}
              checked={tags.has(tag.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setTags((x) => {
                  const next = new Set(x);
                  if (on) next.add(tag.id);
                  else next.delete(tag.id);
                  return next;
                });
              }}
            />{' '}
            {tag.name}
          </label>
        ))}
      </fieldset>
      {PLATFORMS.map((p) => (
        <fieldset>
          <legend>{t(`recognitionSettings.platform.${p}` as WebKey)}</legend>
          <div class="row">
            <Field id={`rec-${p}-chat`} label={t('recognitionSettings.chat')}>
              <input
                id={`rec-${p}-chat`}
                value={channels[p].chatId}
                maxLength={200}
                onInput={(e) => set(p, { chatId: e.currentTarget.value })}
              />
            </Field>
            <Field id={`rec-${p}-locale`} label={t('recognitionSettings.language')}>
              <select
                id={`rec-${p}-locale`}
                value={channels[p].locale}
                onChange={(e) => set(p, { locale: e.currentTarget.value === 'en' ? 'en' : 'zh-CN' })}
              >
                <option value="zh-CN">中文</option>
                <option value="en">English</option>
              </select>
            </Field>
          </div>
        </fieldset>
      ))}
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('save')}
      </button>
    </form>
  );
}
