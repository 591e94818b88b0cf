// An approver rule in words, for the flow list.
import { t } from '../../i18n/index.js';
import type { ApproverRule } from './flow-types.js';

export function RuleText({ rule, person }: { rule: ApproverRule; person: string | null }) {
  if (rule.type === 'manager') return <>{t('x.fs.rule.manager')}</>;
  if (rule.type === 'role') return <>{t('x.fs.rule.role', { role: t(`x.fs.role.${rule.role}`) })}</>;
  if (rule.type === 'person') return <>{t('x.fs.rule.person', { name: person ?? `#${rule.employeeId}` })}</>;
  // Named people (a parallel step): the server sends their names joined.
  if (rule.type === 'people') return <>{t('x.fs.rule.person', { name: person ?? rule.employeeIds.join(', ') })}</>;
  const unit =
    rule.unit === 'applicant'
      ? t('x.fs.unit.applicant')
      : rule.unit === 'target'
        ? t('x.fs.unit.target')
        : `#${rule.unit}`;
  return <>{t('x.fs.rule.unitHead', { unit })}</>;
}
