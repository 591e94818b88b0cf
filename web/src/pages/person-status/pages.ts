// The status page, loaded on demand as its own chunk (main.tsx): only managers and HR ever open it.
export { PersonStatusPage } from './status-page.js';
