// 简体中文目录，按功能分在 ./parts/ 中。键与 en.ts 相同（键不一致时测试会失败）。{name} 会被替换。
import type { MessageKey } from './en.js';
import { coreZhCN } from './parts/core.zh-CN.js';
import { orgZhCN } from './parts/org.zh-CN.js';
import { surveysZhCN } from './parts/surveys.zh-CN.js';
import { approvalsZhCN } from './parts/approvals.zh-CN.js';
import { approvalsMoreZhCN } from './parts/approvals-more.zh-CN.js';
import { approvalsCcZhCN } from './parts/approvals-cc.zh-CN.js';
import { ratingsZhCN } from './parts/ratings.zh-CN.js';
import { webZhCN } from './parts/web.zh-CN.js';
import { privacyZhCN } from './parts/privacy.zh-CN.js';
import { privacyEraseZhCN } from './parts/privacy-erase.zh-CN.js';
import { auditZhCN } from './parts/audit.zh-CN.js';
import { pointsZhCN } from './parts/points.zh-CN.js';
import { reachZhCN } from './parts/reach.zh-CN.js';
import { deliveryZhCN } from './parts/delivery.zh-CN.js';
import { fitZhCN } from './parts/fit.zh-CN.js';
import { reportsZhCN } from './parts/reports.zh-CN.js';
import { exportsZhCN } from './parts/exports.zh-CN.js';
import { deliveryTimeZhCN } from './parts/delivery-time.zh-CN.js';
import { conversationsZhCN } from './parts/conversations.zh-CN.js';
import { conversationsChatZhCN } from './parts/conversations-chat.zh-CN.js';
import { conversationWebZhCN } from './parts/conversation-web.zh-CN.js';
import { reportThemesZhCN } from './parts/report-themes.zh-CN.js';
import { pointRulesZhCN } from './parts/point-rules.zh-CN.js';
import { growthZhCN } from './parts/growth.zh-CN.js';
import { announcementsZhCN } from './parts/announcements.zh-CN.js';
import { indicatorsZhCN } from './parts/indicators.zh-CN.js';
import { nominationsZhCN } from './parts/nominations.zh-CN.js';
import { formFieldsZhCN } from './parts/form-fields.zh-CN.js';
import { turnoverZhCN } from './parts/turnover.zh-CN.js';
import { guidesZhCN } from './parts/guides.zh-CN.js';
import { demoScenariosZhCN } from './parts/demo-scenarios.zh-CN.js';
import { pathsZh } from './parts/paths.zh-CN.js';
import { personStatusZh } from './parts/person-status.zh-CN.js';
import { attendanceZhCN } from './parts/attendance.zh-CN.js';

export const zhCN: Record<MessageKey, string> = {
  ...coreZhCN,
  ...orgZhCN,
  ...surveysZhCN,
  ...approvalsZhCN,
  ...approvalsMoreZhCN,
  ...ratingsZhCN,
  ...webZhCN,
  ...privacyZhCN,
  ...privacyEraseZhCN,
  ...approvalsCcZhCN,
  ...auditZhCN,
  ...pointsZhCN,
  ...reachZhCN,
  ...deliveryZhCN,
  ...fitZhCN,
  ...reportsZhCN,
  ...exportsZhCN,
  ...deliveryTimeZhCN,
  ...conversationsZhCN,
  ...conversationsChatZhCN,
  ...conversationWebZhCN,
  ...reportThemesZhCN,
  ...pointRulesZhCN,
  ...growthZhCN,
  ...announcementsZhCN,
  ...indicatorsZhCN,
  ...nominationsZhCN,
  ...formFieldsZhCN,
  ...turnoverZhCN,
  ...guidesZhCN,
  ...demoScenariosZhCN,
  ...pathsZh,
  ...personStatusZh,
  ...attendanceZhCN,
};
