// Announcements in the mini-app (issue 25 §3): HR and unit heads compose a notice (a unit they may address, or
// the company for HR; zh-CN and/or en), list what they sent with read counts, see who has not read one and
// remind them once; everyone sees the notices they received and acknowledges there too. The chat cards are
// the same ones /announce sends (src/bot/features/announcements.ts); acknowledging here redraws them.
import type { FastifyInstance } from 'fastify';
import {
  acknowledge,
  announcementStatus,
  noticesOf,
  sentAnnouncements,
  textsOf,
  type Announcement,
} from '../../domain/announcements/announcements.js';
import { isHrLike, mayAddress, maySend, textFor } from '../../domain/announcements/rules.js';
import { getPerson } from '../../domain/org/employees.js';
import { allUnits, type UnitNode } from '../../domain/org/units.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { redrawAcknowledged, remind, sendFromApp } from '../../bot/features/announcements.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError, fieldError } from '../errors.js';
import { serve } from '../serve.js';

export function registerAnnouncementRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  const audienceName = (units: readonly UnitNode[], a: Announcement) =>
    a.audienceUnitId === null ? null : (units.find((u) => u.id === a.audienceUnitId)?.name ?? '?');

  const requireSender = async (v: Viewer): Promise<UnitNode[]> => {
    const units = await allUnits(db);
    if (!maySend(units, v.person)) throw new ApiError(403, v.t('announce.error.forbidden'), 'forbidden');
    return units;
  };

  const sentJson = async (
    v: Viewer,
    units: readonly UnitNode[],
    s: { announcement: Announcement; total: number; read: number },
  ) => {
    const a = s.announcement;
    return {
      id: a.id,
      title: textFor(textsOf(a), v.locale).title,
      audience: audienceName(units, a),
      sender: (await getPerson(db, a.senderId))?.name ?? '?',
      createdAt: a.createdAt,
      remindedAt: a.remindedAt,
      total: s.total,
      read: s.read,
      canRemind: a.senderId === v.person.id && a.remindedAt === null && s.read < s.total,
    };
  };

  serve(api, 'GET /announcements/mine', async (req) => {
    const v = viewerOf(req);
    const units = await allUnits(db);
    const rows = await noticesOf(db, v.person.id);
    return {
      notices: await Promise.all(
        rows.map(async ({ announcement: a, readAt }) => ({
          id: a.id,
          ...textFor(textsOf(a), v.locale),
          sender: (await getPerson(db, a.senderId))?.name ?? '?',
          audience: audienceName(units, a),
          createdAt: a.createdAt,
          readAt,
        })),
      ),
    };
  });

  serve(api, 'POST /announcements/:id/ack', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => {
      const res = await acknowledge(tx, id, v.person, now());
      // Every chat copy shows the time: none of them was pressed.
      if (res.ok && res.first)
        await redrawAcknowledged(tx, notifierOf(deps), config, res.announcement, v.person.id, res.readAt, {
          reminded: res.reminded,
        });
      return res;
    });
    deps.worker.kick();
    if (!r.ok)
      throw r.code === 'not_found'
        ? new ApiError(404, v.t('announce.error.not_found', { id }), 'not_found')
        : new ApiError(403, v.t('announce.error.not_recipient'), 'forbidden');
    return { readAt: r.readAt, first: r.first };
  });

  serve(api, 'GET /announcements/options', async (req) => {
    const v = viewerOf(req);
    const units = await requireSender(v);
    return {
      company: isHrLike(v.person),
      units: units
        .filter((u) => mayAddress(units, v.person, u.id))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((u) => ({ id: u.id, name: u.name, path: u.path })),
    };
  });

  serve(api, 'GET /announcements/sent', async (req) => {
    const v = viewerOf(req);
    const units = await requireSender(v);
    const rows = await sentAnnouncements(db, isHrLike(v.person) ? null : v.person.id);
    return { announcements: await Promise.all(rows.map((s) => sentJson(v, units, s))) };
  });

  serve(api, 'POST /announcements', async (req, _reply, input) => {
    const v = viewerOf(req);
    const units = await requireSender(v);
    const body = input.body();
    // Who may address what is checked before the texts: another unit is a 403 whatever was typed.
    if (body.unitId !== null && units.some((u) => u.id === body.unitId) && !mayAddress(units, v.person, body.unitId))
      throw new ApiError(403, v.t('announce.error.forbidden'), 'forbidden');
    const r = await sendFromApp(db, notifierOf(deps), config, {
      sender: v.person,
      unitId: body.unitId,
      texts: { titleZh: body.titleZh, titleEn: body.titleEn, bodyZh: body.bodyZh, bodyEn: body.bodyEn },
      now: now(),
    });
    deps.worker.kick();
    if (r.ok) return { id: r.announcement.id, recipients: r.recipients.length, onLeave: r.onLeave };
    const unit =
      body.unitId === null ? v.t('announce.everyone') : (units.find((u) => u.id === body.unitId)?.name ?? '');
    const message = v.t(`announce.error.${r.code}` as MessageKey, { unit });
    if (r.code === 'forbidden') throw new ApiError(403, message, 'forbidden');
    const field = {
      unknown_unit: 'unitId',
      empty_audience: 'unitId',
      zh_incomplete: body.titleZh.trim() ? 'bodyZh' : 'titleZh',
      en_incomplete: body.titleEn.trim() ? 'bodyEn' : 'titleEn',
      no_text: 'titleZh',
      too_long: 'bodyZh',
    }[r.code];
    throw fieldError(v.t, { [field]: message });
  });

  serve(api, 'GET /announcements/:id/receipts', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => await announcementStatus(tx, id, v.person));
    if (!r.ok)
      throw r.code === 'not_found'
        ? new ApiError(404, v.t('announce.error.not_found', { id }), 'not_found')
        : new ApiError(403, v.t('announce.error.status_forbidden', { id }), 'forbidden');
    const units = await allUnits(db);
    const receipt = (p: { personId: number; name: string; readAt: string | null }) => ({
      id: p.personId,
      name: p.name,
      readAt: p.readAt,
    });
    return {
      announcement: await sentJson(v, units, {
        announcement: r.announcement,
        total: r.read.length + r.unread.length,
        read: r.read.length,
      }),
      read: r.read.map(receipt),
      unread: r.unread.map(receipt),
    };
  });

  serve(api, 'POST /announcements/:id/remind', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => await remind(tx, notifierOf(deps), config, id, v.person, now()));
    deps.worker.kick();
    if (r.ok) return { reminded: r.unread.length, remindedAt: r.announcement.remindedAt! };
    const message = v.t(`announce.error.${r.code}`, { id });
    if (r.code === 'not_found') throw new ApiError(404, message, 'not_found');
    if (r.code === 'not_sender') throw new ApiError(403, message, 'forbidden');
    throw new ApiError(409, message, r.code);
  });
}
