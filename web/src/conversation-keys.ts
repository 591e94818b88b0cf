// The author's reply keys, kept on this device only ("my conversations on this device", issue 23 item 1). A key is
// the author's only way back to their comment's conversation: the server stores no link to them. The page that
// receives one in its address (#k=…) moves it here and out of the address bar and the history.

const STORE = 'vitality.conversations';
/** A key as the server makes them (24 random bytes, base64url); anything else is not kept. */
const KEY = /^[\w-]{16,100}$/;

export interface KeptConversation {
  key: string;
  /** The start of the comment, to tell several apart. */
  preview: string;
}

function read(): KeptConversation[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((x: unknown) => {
      const o = x as Partial<KeptConversation> | null;
      return o && typeof o.key === 'string' && KEY.test(o.key)
        ? [{ key: o.key, preview: typeof o.preview === 'string' ? o.preview : '' }]
        : [];
    });
  } catch {
    return [];
  }
}

function write(list: KeptConversation[]): void {
  try {
    localStorage.setItem(STORE, JSON.stringify(list));
  } catch {
    // Storage refused (private mode, full): the conversation still opens from the link.
  }
}

export function keptConversations(): KeptConversation[] {
  return read();
}

/** Keep a key (or update its preview); the newest first. */
export function keepConversation(key: string, preview = ''): void {
  if (!KEY.test(key)) return;
  const old = read();
  const known = old.find((c) => c.key === key);
  const entry = { key, preview: preview.slice(0, 80) || known?.preview || '' };
  write([entry, ...old.filter((c) => c.key !== key)]);
}

export function forgetConversation(key: string): void {
  write(read().filter((c) => c.key !== key));
}

/** The key in the address (#k=…), taken out of the address bar and the history entry; undefined when none. */
export function takeKeyFromAddress(): string | undefined {
  const m = /(?:^#|&)k=([^&]+)/.exec(location.hash);
  if (!m) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  const key = decodeURIComponent(m[1]!);
  return KEY.test(key) ? key : undefined;
}
