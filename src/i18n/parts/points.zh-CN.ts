// 中文文案：积分申请的价值（带单位的数量）与价值标签卡片。键与 ./points.en.ts 相同。
import type { pointsEn } from './points.en.js';

export const pointsZhCN: Record<keyof typeof pointsEn, string> = {
  'claim.unit.days': '节省的天数',
  'claim.daysValue': '{n} 天',
  'claim.value.placeholder': '例如 15%、¥100,000、2.5 小时',
  'claim.value.understood': '已识别：{list}。',
  'claim.value.unreadable': '无法识别“{text}”。',
  'claim.value.ambiguous_number':
    '“{text}”有歧义：数字中的逗号后面必须正好是三位数字（如 100,000）。小数请用小数点（1.5），两个数值之间请用逗号加空格分开（15%, 20%）。',
  'claim.value.ambiguous_space':
    '“{text}”有歧义：一个数字请不要加空格（100000 或 100,000），两个数值请用逗号分开（15%, 20%）。',
  'claim.value.conflicting_units': '“{text}”带了两个不同的单位，每个数值只能有一个单位。',
  'claim.value.too_many_digits': '“{text}”的位数太多，无法精确保存（最多 15 位）。',
  'claim.value.too_many': '最多填写 {max} 个数值。',
  'claim.value.too_long': '请控制在 {max} 个字符以内。',
  'claim.value.hint': '每个数值请带上单位，例如 15%、¥100,000 或 2.5 小时，多个数值用逗号分开。',
  'tags.points': '{points} 积分（审批人可调整为 {min}–{max}）',
  'tags.none': '还没有价值标签。',
  'tags.category.efficiency': '效率',
  'tags.category.collaboration': '协作',
  'tags.category.impact': '业务影响',
  'tags.category.innovation': '创新',
  'tags.category.people': '人才',
};
