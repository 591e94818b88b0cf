// What a decided point claim means beyond its card (called from publishRequest, in the decision's unit of work):
// the nominator of a nomination is told the outcome, and an approved claim or nomination of an announced tag is
// posted to its channels — once per request (the outbox card key `recognition:<id>`; the approval itself happens
// once, and a retried press is refused as stale before it gets here), never for a rejected one, and not for a
// person who opted out of being announced.
import { nominationOutcomeCard, recognitionCard } from '../../../cards/recognition.js';
import type { Config } from '../../config.js';
import type { Notifier } from '../../domain/notify.js';
import type { Db } from '../../domain/unit-of-work.js';
import type { RequestView } from '../../domain/approvals/requests.js';
import type { Outcome } from '../../domain/approvals/transitions.js';
import { namesAndEmails } from '../../domain/org/employees.js';
import { formatQuantities } from '../../domain/points/claim-value-text.js';
import { announceTargets, announcesMe, recognitionSettings } from '../../domain/points/recognition.js';
import { translator } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';

export const recognitionKeyOf = (requestId: number): string => `recognition:${requestId}`;

export async function afterPointDecision(
  db: Db,
  notify: Notifier,
  config: Config,
  req: RequestView,
  outcome: Outcome | 'submitted' | undefined,
  subject: { nameZh: string; nameEn: string } | undefined,
): Promise<void> {
  const p = req.payload;
  if (p.kind !== 'point_claim') return;
  const approved = outcome === 'approved' && req.status === 'approved';
  const rejected = outcome === 'rejected' && req.status === 'rejected';
  if (!approved && !rejected) return;
  const tagIn = (locale: 'zh-CN' | 'en') => (subject ? (locale === 'en' ? subject.nameEn : subject.nameZh) : '');
  const people = await namesAndEmails(db, [req.applicantId, ...(p.nominatorId === undefined ? [] : [p.nominatorId])]);
  const nominee = people.get(req.applicantId)?.name ?? '';
  if (p.nominatorId !== undefined)
    await notify.toEmployee(p.nominatorId, (locale) =>
      nominationOutcomeCard(
        { nominee, tag: tagIn(locale), approved, id: req.id, appUrl: appUrl(config, `/requests/${req.id}`) },
        translator(locale),
      ),
    );
  if (!approved || !notify.toChat) return;
  const targets = announceTargets(await recognitionSettings(db), p.tagId);
  if (!targets.length || !(await announcesMe(db, req.applicantId))) return;
  const nominatedBy = p.nominatorId === undefined ? undefined : people.get(p.nominatorId)?.name;
  for (const to of targets)
    await notify.toChat(
      to,
      recognitionCard(
        {
          name: nominee,
          tag: tagIn(to.locale),
          value: p.quantities.length ? formatQuantities(p.quantities, to.locale) : '',
          description: p.description,
          points: p.points,
          ...(nominatedBy ? { nominatedBy } : {}),
        },
        translator(to.locale),
      ),
      { cardKey: recognitionKeyOf(req.id) },
    );
}
