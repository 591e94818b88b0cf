// What HR's catalogue pages share (value tags, rewards, courses): an add form whose fields are strings as
// inputs hold them, that says which item it added and reloads the list; and retiring an item of the list.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Field, useSubmit } from '../ui.js';

type Input = { currentTarget: { value: string } };

/** The add form: `post` sends the form (converted to the endpoint's body); the list reloads after. */
export function useAddForm<F extends Record<string, string>>(
  empty: F,
  post: (form: F) => Promise<{ id: number }>,
  reload: () => void,
) {
  const [form, setForm] = useState(empty);
  const [added, setAdded] = useState<number>();
  const submit = useSubmit<{ id: number }>();
  const set = (k: keyof F) => (e: Input) => setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const r = await submit.run(() => post(form));
    if (r) {
      setAdded(r.id);
      setForm(empty);
      reload();
    }
  };
  return { form, set, added, submit, errors: submit.error?.fields ?? {}, onSubmit };
}

/** Retiring items of a list, one at a time: `button(path)` for each item; the list reloads after. */
export function useRetire(reload: () => void) {
  const retire = useSubmit<Answer<'POST /hr/tags/:id/retire'>>();
  const button = (path: `/hr/${'tags' | 'rewards'}/${number}/retire`) => (
    <button
      type="button"
      disabled={retire.busy}
      onClick={async () => {
        if (await retire.run(() => api('POST', path))) reload();
      }}
    >
      {t('tags.retire')}
    </button>
  );
  return { error: retire.error, button };
}

/** The two names a value tag or a reward has (zh-CN and en), each with its error. */
export function NameFields({
  ids,
  form,
  set,
  errors,
}: {
  ids: [zh: string, en: string];
  form: { nameZh: string; nameEn: string };
  set: (k: 'nameZh' | 'nameEn') => (e: Input) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field id={ids[0]} label={t('tags.nameZh')} error={errors.nameZh}>
        <input id={ids[0]} value={form.nameZh} onInput={set('nameZh')} maxLength={40} />
      </Field>
      <Field id={ids[1]} label={t('tags.nameEn')} error={errors.nameEn}>
        <input id={ids[1]} value={form.nameEn} onInput={set('nameEn')} maxLength={60} />
      </Field>
    </>
  );
}
