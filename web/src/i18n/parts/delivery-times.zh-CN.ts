// 设置页中的“送达时间”（issue 23 第 5 项）。键与 delivery-times.en.ts 相同。
import type { deliveryTimesEn } from './delivery-times.en.js';

export const deliveryTimesZhCN: Record<keyof typeof deliveryTimesEn, string> = {
  'deliveryTimes.title': '调研何时送达',
  'deliveryTimes.help':
    '调研卡片和提醒按每个人自己的时区发送（未设置时区的人按公司时区）。休假中的人不会收到，也不计入与其休假重叠的调研轮次。',
  'deliveryTimes.localHour': '当地送达时间',
  'deliveryTimes.whenDue': '到时立即发送',
  'deliveryTimes.quiet': '免打扰时段：期间不发送任何内容',
  'deliveryTimes.quietFrom': '免打扰开始',
  'deliveryTimes.quietTo': '免打扰结束',
  'deliveryTimes.weekends': '周六、周日不发送',
  'deliveryTimes.cap': '每人 7 天内最多收到的提醒次数（所有进行中的调研合计，0–{max}）',
  'deliveryTimes.zone': '公司时区',
  'deliveryTimes.zoneHelp': 'IANA 时区名称，如 Asia/Shanghai 或 Europe/London。',
  'org.peopleRejected': '未应用时区或休假（时区不存在，或休假结束早于开始）',
  'deliveryTimes.launch.onLeave': '{count} 人在调研期间休假，未纳入：不邀请、不计入。',
  'deliveryTimes.launch.held': '{count} 张卡片将在各人的送达时间发出（当地时间、免打扰、周末、休假）。',
  'deliveryTimes.launch.notInTime': '{count} 人在截止前没有可发送的时间：未邀请。',
};
