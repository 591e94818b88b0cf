// Intl formatters are costly to build (≈0.1–1 ms each: locale data, time-zone rules) and cheap to reuse, and
// cards format dates and amounts on every press (issue 22). One instance per (locale, options), options
// including the time zone; the set of keys is small (two locales, the company's zones, a few option shapes),
// the cap only guards against an unexpected stream of distinct zones.
const MAX_ENTRIES = 500;

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = make();
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, format);
  }
  return format;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A shared `Intl.DateTimeFormat`; the same (locale, options) always returns the same instance. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** A shared `Intl.NumberFormat`; the same (locale, options) always returns the same instance. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}
