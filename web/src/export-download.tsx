// The download control every report page shares: Export CSV and Export XLSX as real links (they work with
// no script, and a screen reader reads them as downloads), fetched on click so that a refusal — an empty
// period, a period that ends before it starts, a wave still open — shows the server's message here instead
// of saving an error as a file.
import { useState } from 'preact/hooks';
import { navigate } from './router.js';
import { signInPath } from './api.js';
import { t } from './i18n/index.js';
import { Notice } from './ui.js';

/** The name the server gave the file (RFC 6266: filename* first, it may hold 中文). */
function filenameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

export function ExportDownload({ csv, xlsx, id }: { csv: string; xlsx: string; id: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx'>();
  const [error, setError] = useState<string>();
  const get = async (e: MouseEvent, format: 'csv' | 'xlsx', href: string) => {
    e.preventDefault();
    if (busy) return;
    setBusy(format);
    setError(undefined);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (res.status === 401) return navigate(signInPath(), true);
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setError(body.error ?? t('x.export.failed'));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = filenameOf(res.headers.get('content-disposition'), `export.${format}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError(t('error.network'));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div class="export-download" id={id} role="group" aria-label={t('x.export.group')}>
      <div class="row">
        <a
          class="button"
          href={csv}
          download
          data-format="csv"
          aria-busy={busy === 'csv'}
          onClick={(e) => get(e, 'csv', csv)}
        >
          {t('x.export.csv')}
        </a>
        <a
          class="button"
          href={xlsx}
          download
          data-format="xlsx"
          aria-busy={busy === 'xlsx'}
          onClick={(e) => get(e, 'xlsx', xlsx)}
        >
          {t('x.export.xlsx')}
        </a>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
