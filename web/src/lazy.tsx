// Pages a feature loads on demand, as their own chunk (the initial JS stays small). Each feature passes its
// own `() => import('…/pages.js')` so the bundler sees the static path and splits there.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api.js';
import { t } from './i18n/index.js';
import { Failure } from './ui.js';

/** A component rendering one page of the module `load` brings, once its chunk is here. */
export function lazyPages<P>(load: () => Promise<P>) {
  return function Lazy({ render }: { render: (pages: P) => JSX.Element }) {
    const [pages, setPages] = useState<P | 'failed'>();
    useEffect(() => {
      let live = true;
      load().then(
        (m) => live && setPages(m),
        () => live && setPages('failed'),
      );
      return () => {
        live = false;
      };
    }, []);
    if (pages === 'failed') return <Failure error={new ApiFailure(0, t('error.network'))} />;
    return pages ? render(pages) : <p class="muted">{t('loading')}</p>;
  };
}
