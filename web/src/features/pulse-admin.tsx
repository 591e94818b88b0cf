// The pulse-admin feature's pages and menu entries, plugged into the shell (main.tsx).
import type { JSX } from 'preact';
import type { Me } from '../types.js';

/** The page for a path this feature owns, or undefined. */
export function pulseAdminRoute(_path: string, _me: Me): JSX.Element | undefined {
  return undefined;
}

/** Menu entries [href, label] this feature adds for the signed-in person. */
export function pulseAdminNav(_me: Me): [string, string][] {
  return [];
}
