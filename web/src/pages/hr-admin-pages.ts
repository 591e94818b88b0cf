// HR's administration pages and the team's conversation pages, loaded on demand as one chunk (main.tsx):
// most people never open them, so they stay out of the initial JavaScript.
export { TeamConversationsPage } from './conversations/team-list.js';
export { TeamThreadPage } from './conversations/team-thread.js';
export { HrAudit } from './hr-audit.js';
export { HrDelivery } from './hr-delivery.js';
export { HrOrg } from './hr-org.js';
export { HrPrivacy } from './hr-privacy.js';
export { HrRatingCycle } from './hr-rating-cycle.js';
export { HrRatings } from './hr-ratings.js';
export { HrSettings } from './hr-settings.js';
export { HrTags } from './hr-tags.js';
export { HrTurnaround } from './hr-turnaround.js';
export { HrTurnover } from './hr-turnover.js';
