// Today's attendance, loaded on demand as its own chunk (main.tsx): only unit heads and HR ever open it.
export { TodayPage } from './today-page.js';
