// The announcements page, loaded on demand as its own chunk (main.tsx): the initial JavaScript stays as it was.
export { AnnouncementsPage } from './announcements-page.js';
