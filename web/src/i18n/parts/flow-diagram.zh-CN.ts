// 审批流程编辑器的流程图（issue 24）的中文文案（并入 ../zh-CN.ts）。键与 flow-diagram.en.ts 相同。
import type { flowDiagramEn } from './flow-diagram.en.js';

export const flowDiagramZhCN: Record<keyof typeof flowDiagramEn, string> = {
  'fd.title': '流程一览',
  'fd.hint': '随编辑实时更新。虚线表示条件不满足时越过该步骤的路径。',
  'fd.start': '申请人提交',
  'fd.end': '审批通过',
  'fd.unnamed': '第 {n} 步（尚未命名）',
  'fd.by': '审批人：{who}',
  'fd.onlyWhen': '仅当{field} {op} {value}时；否则跳过',
  'fd.rejectEnds': '驳回即结束申请',
  'fd.rejectReturns': '可退回申请人修改',
  'fd.then': '之后：{step}',
  'fd.unreachable': '永远不会到达：上面的步骤跳过了它',
  'fd.broken': '按当前设置，流程无法走到结束：请检查各步骤的“下一步”。',
  'fd.somePerson': '尚未选择的人员',
  'fd.someUnit': '尚未选择的部门',
};
