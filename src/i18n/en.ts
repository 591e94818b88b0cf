// English catalogue, one part per feature area in ./parts/. Keys are shared with zh-CN.ts (a test fails
// when they differ). {name} is replaced.
import { coreEn } from './parts/core.en.js';
import { orgEn } from './parts/org.en.js';
import { surveysEn } from './parts/surveys.en.js';
import { approvalsEn } from './parts/approvals.en.js';
import { approvalsMoreEn } from './parts/approvals-more.en.js';
import { approvalsCcEn } from './parts/approvals-cc.en.js';
import { ratingsEn } from './parts/ratings.en.js';
import { webEn } from './parts/web.en.js';
import { privacyEn } from './parts/privacy.en.js';
import { privacyEraseEn } from './parts/privacy-erase.en.js';
import { auditEn } from './parts/audit.en.js';
import { pointsEn } from './parts/points.en.js';
import { reachEn } from './parts/reach.en.js';
import { deliveryEn } from './parts/delivery.en.js';
import { fitEn } from './parts/fit.en.js';
import { reportsEn } from './parts/reports.en.js';
import { exportsEn } from './parts/exports.en.js';
import { deliveryTimeEn } from './parts/delivery-time.en.js';
import { conversationsEn } from './parts/conversations.en.js';
import { conversationsChatEn } from './parts/conversations-chat.en.js';
import { conversationWebEn } from './parts/conversation-web.en.js';
import { reportThemesEn } from './parts/report-themes.en.js';
import { pointRulesEn } from './parts/point-rules.en.js';
import { growthEn } from './parts/growth.en.js';
import { announcementsEn } from './parts/announcements.en.js';
import { indicatorsEn } from './parts/indicators.en.js';
import { nominationsEn } from './parts/nominations.en.js';
import { formFieldsEn } from './parts/form-fields.en.js';
import { turnoverEn } from './parts/turnover.en.js';
import { guidesEn } from './parts/guides.en.js';
import { demoScenariosEn } from './parts/demo-scenarios.en.js';
import { pathsEn } from './parts/paths.en.js';
import { personStatusEn } from './parts/person-status.en.js';
import { attendanceEn } from './parts/attendance.en.js';

export const en = {
  ...coreEn,
  ...orgEn,
  ...surveysEn,
  ...approvalsEn,
  ...approvalsMoreEn,
  ...ratingsEn,
  ...webEn,
  ...privacyEn,
  ...privacyEraseEn,
  ...approvalsCcEn,
  ...auditEn,
  ...pointsEn,
  ...reachEn,
  ...deliveryEn,
  ...fitEn,
  ...reportsEn,
  ...exportsEn,
  ...deliveryTimeEn,
  ...conversationsEn,
  ...conversationsChatEn,
  ...conversationWebEn,
  ...reportThemesEn,
  ...pointRulesEn,
  ...growthEn,
  ...announcementsEn,
  ...indicatorsEn,
  ...nominationsEn,
  ...formFieldsEn,
  ...turnoverEn,
  ...guidesEn,
  ...demoScenariosEn,
  ...pathsEn,
  ...personStatusEn,
  ...attendanceEn,
} as const;

export type MessageKey = keyof typeof en;
