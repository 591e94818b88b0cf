// The whole mini-app API (see endpoint.ts). One file per area; each endpoint's key is its method and path.
import type { AnswerOf, BodyIn } from './endpoint.js';
import { approvalsMoreEndpoints } from './approvals-more.js';
import { announcementEndpoints } from './announcements.js';
import { conversationEndpoints } from './conversations.js';
import { deliveryTimeEndpoints } from './delivery-times.js';
import { deskEndpoints } from './desk.js';
import { exportEndpoints } from './exports.js';
import { formRequestEndpoints } from './form-requests.js';
import { hrEndpoints } from './hr.js';
import { indicatorEndpoints } from './indicators.js';
import { nominationEndpoints } from './nominations.js';
import { orgLeaveEndpoints } from './org-leave.js';
import { peopleEndpoints } from './people.js';
import { pointRulesEndpoints } from './point-rules.js';
import { pulseEndpoints } from './pulse.js';
import { trainingEndpoints } from './training.js';
import { turnoverEndpoints } from './turnover.js';
import { guideEndpoints } from './guide.js';
import { demoEndpoints } from './demo-scenarios.js';
import { pathEndpoints } from './paths.js';
import { personStatusEndpoints } from './person-status.js';
import { attendanceEndpoints } from './attendance.js';

export const apiContract = {
  ...peopleEndpoints,
  ...pointRulesEndpoints,
  ...pulseEndpoints,
  ...hrEndpoints,
  ...deskEndpoints,
  ...exportEndpoints,
  ...deliveryTimeEndpoints,
  ...orgLeaveEndpoints,
  ...trainingEndpoints,
  ...turnoverEndpoints,
  ...guideEndpoints,
  ...demoEndpoints,
  ...pathEndpoints,
  ...conversationEndpoints,
  ...approvalsMoreEndpoints,
  ...announcementEndpoints,
  ...formRequestEndpoints,
  ...indicatorEndpoints,
  ...nominationEndpoints,
  ...personStatusEndpoints,
  ...attendanceEndpoints,
};
export type ApiContract = typeof apiContract;
export type ApiKey = keyof ApiContract;

/** The answer of an endpoint, e.g. `Answer<'GET /me'>`. */
export type Answer<K extends ApiKey> = AnswerOf<ApiContract[K]>;
export type Body<K extends ApiKey> = BodyIn<ApiContract[K]>;
export { apiErrorSchema, type ApiErrorBody, type Endpoint, type EndpointKey } from './endpoint.js';
