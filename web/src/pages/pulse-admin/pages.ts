// The pulse-admin pages as one chunk, loaded on demand by features/pulse-admin.tsx (HR's and the
// follow-up pages are not on anyone's first screen, so they stay out of the initial JavaScript).
export { FollowUps } from './followups.js';
export { Schedules } from './schedules.js';
export { TemplateBuilder } from './template-builder.js';
export { TemplateView } from './template-view.js';
export { Templates } from './templates.js';
export { WaveView } from './wave.js';
