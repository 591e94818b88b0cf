// Everything Vitality holds about one person (PIPL Art. 45, GDPR Art. 15/20), gathered by read-only queries.
// Anonymous survey responses are not here and cannot be: by construction they carry no person (DESIGN §6).
// Survey *participation* (who was asked, whether they answered) is personal data and is included.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/connection.js';
import {
  announcementReceipts,
  attendanceDays,
  announcements,
  approvalDecisions,
  approvalRequests,
  auditLog,
  courses,
  delegations,
  employeeRoles,
  employees,
  followUps,
  ledgerEntries,
  managerHistory,
  orgUnits,
  performanceTalks,
  platformIdentities,
  ratingCycles,
  ratingFeedback,
  ratingResults,
  ratings,
  recommendations,
  sessions,
  sharedFeedback,
  surveyParticipation,
  surveyWaves,
  trainingProgress,
  transfers,
  departures,
  developmentPaths,
  pathCourseProgress,
  pathEnrolments,
} from '../../db/schema.js';

// The other person of a record (a manager, a rater, an approver), joined by name for readability.
const other = alias(employees, 'other');

/** JSON stored as text, parsed back so the export is structured; kept as text if it is not JSON. */
function json(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function profile(db: Db, id: number) {
  const row = (
    await db
      .select({
        id: employees.id,
        name: employees.name,
        email: employees.email,
        title: employees.title,
        locale: employees.locale,
        timezone: employees.timezone,
        leaveFrom: employees.leaveFrom,
        leaveUntil: employees.leaveUntil,
        active: employees.active,
        createdAt: employees.createdAt,
        updatedAt: employees.updatedAt,
        unitId: employees.unitId,
        unitName: orgUnits.name,
        unitPath: orgUnits.path,
        managerId: employees.managerId,
        managerName: other.name,
        managerEmail: other.email,
      })
      .from(employees)
      .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
      .leftJoin(other, eq(other.id, employees.managerId))
      .where(eq(employees.id, id))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const roles = [
    'employee',
    ...(await db.select({ role: employeeRoles.role }).from(employeeRoles).where(eq(employeeRoles.employeeId, id))).map(
      (r) => r.role,
    ),
  ];
  return { ...row, roles: [...new Set(roles)] };
}

async function approvals(db: Db, id: number) {
  const requests = (
    await db
      .select({
        id: approvalRequests.id,
        flowKey: approvalRequests.flowKey,
        status: approvalRequests.status,
        stepIndex: approvalRequests.stepIndex,
        payload: approvalRequests.payload,
        createdAt: approvalRequests.createdAt,
        updatedAt: approvalRequests.updatedAt,
      })
      .from(approvalRequests)
      .where(eq(approvalRequests.applicantId, id))
      .orderBy(asc(approvalRequests.id))
  ).map((r) => ({ ...r, payload: json(r.payload) }));
  const decision = {
    id: approvalDecisions.id,
    requestId: approvalDecisions.requestId,
    stepIndex: approvalDecisions.stepIndex,
    kind: approvalDecisions.kind,
    actorId: approvalDecisions.actorId,
    actorName: other.name,
    comment: approvalDecisions.comment,
    at: approvalDecisions.at,
  };
  const ids = requests.map((r) => r.id);
  // Every step of their own requests (others' decisions and comments about them included) …
  const onTheirRequests = ids.length
    ? await db
        .select(decision)
        .from(approvalDecisions)
        .leftJoin(other, eq(other.id, approvalDecisions.actorId))
        .where(inArray(approvalDecisions.requestId, ids))
        .orderBy(asc(approvalDecisions.id))
    : [];
  // … and every decision they took, on anyone's request.
  const taken = await db
    .select({ ...decision, flowKey: approvalRequests.flowKey, applicantId: approvalRequests.applicantId })
    .from(approvalDecisions)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalDecisions.requestId))
    .leftJoin(other, eq(other.id, approvalDecisions.actorId))
    .where(eq(approvalDecisions.actorId, id))
    .orderBy(asc(approvalDecisions.id));
  return { requests, decisionsOnTheirRequests: onTheirRequests, decisionsTaken: taken };
}

async function ratingRecords(db: Db, id: number) {
  const results = (
    await db
      .select({
        cycleId: ratingResults.cycleId,
        scores: ratingResults.scores,
        composite: ratingResults.composite,
        missing: ratingResults.missing,
        computedAt: ratingResults.computedAt,
        cycleClosedAt: ratingCycles.closedAt,
      })
      .from(ratingResults)
      .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
      .where(eq(ratingResults.employeeId, id))
      .orderBy(asc(ratingResults.cycleId))
  ).map((r) => ({ ...r, scores: json(r.scores), missing: json(r.missing) }));
  const score = async (who: 'subject' | 'rater') =>
    await db
      .select({
        cycleId: ratings.cycleId,
        subjectId: ratings.subjectId,
        raterId: ratings.raterId,
        otherName: other.name,
        dimension: ratings.dimension,
        value: ratings.value,
        updatedAt: ratings.updatedAt,
      })
      .from(ratings)
      .leftJoin(other, eq(other.id, who === 'subject' ? ratings.raterId : ratings.subjectId))
      .where(eq(who === 'subject' ? ratings.subjectId : ratings.raterId, id))
      .orderBy(asc(ratings.cycleId), asc(ratings.subjectId), asc(ratings.dimension));
  const feedback = async (who: 'subject' | 'rater') =>
    await db
      .select({
        cycleId: ratingFeedback.cycleId,
        subjectId: ratingFeedback.subjectId,
        raterId: ratingFeedback.raterId,
        otherName: other.name,
        comment: ratingFeedback.comment,
        updatedAt: ratingFeedback.updatedAt,
      })
      .from(ratingFeedback)
      .leftJoin(other, eq(other.id, who === 'subject' ? ratingFeedback.raterId : ratingFeedback.subjectId))
      .where(eq(who === 'subject' ? ratingFeedback.subjectId : ratingFeedback.raterId, id))
      .orderBy(asc(ratingFeedback.cycleId), asc(ratingFeedback.subjectId));
  return {
    results,
    received: await score('subject'),
    given: await score('rater'),
    feedbackReceived: await feedback('subject'),
    feedbackGiven: await feedback('rater'),
  };
}

export type PersonRecords = NonNullable<Awaited<ReturnType<typeof collectPersonRecords>>>;

/** All records about one employee, or undefined for an unknown id. Reads only. */
export async function collectPersonRecords(db: Db, employeeId: number, now: Date) {
  const p = await profile(db, employeeId);
  if (!p) return undefined;
  const id = employeeId;
  const subject = `employee:${id}`;
  return {
    generatedAt: now.toISOString(),
    profile: p,
    identities: await db
      .select({
        platform: platformIdentities.platform,
        platformUserId: platformIdentities.platformUserId,
        linkedAt: platformIdentities.linkedAt,
      })
      .from(platformIdentities)
      .where(eq(platformIdentities.employeeId, id)),
    // Who managed them when (transfers, imports, directory syncs); the manager named for readability.
    managerHistory: await db
      .select({
        managerId: managerHistory.managerId,
        managerName: other.name,
        unitId: managerHistory.unitId,
        from: managerHistory.from,
        to: managerHistory.to,
        source: managerHistory.source,
      })
      .from(managerHistory)
      .leftJoin(other, eq(other.id, managerHistory.managerId))
      .where(eq(managerHistory.employeeId, id))
      .orderBy(asc(managerHistory.from), asc(managerHistory.id)),
    transfers: await db
      .select({
        id: transfers.id,
        fromUnitId: transfers.fromUnitId,
        toUnitId: transfers.toUnitId,
        reason: transfers.reason,
        source: transfers.source,
        at: transfers.at,
      })
      .from(transfers)
      .where(eq(transfers.employeeId, id))
      .orderBy(asc(transfers.id)),
    // When they left the organisation and from which unit (the directory sync's record; turnover counts it).
    departures: await db
      .select({ id: departures.id, unitId: departures.unitId, source: departures.source, at: departures.at })
      .from(departures)
      .where(eq(departures.employeeId, id))
      .orderBy(asc(departures.id)),
    // Session metadata only: the id hash and CSRF token are credentials, not information about the person.
    sessions: await db
      .select({
        via: sessions.via,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      })
      .from(sessions)
      .where(eq(sessions.employeeId, id))
      .orderBy(asc(sessions.createdAt)),
    delegations: await db
      .select({
        id: delegations.id,
        fromId: delegations.fromId,
        toId: delegations.toId,
        until: delegations.until,
        createdAt: delegations.createdAt,
      })
      .from(delegations)
      .where(or(eq(delegations.fromId, id), eq(delegations.toId, id)))
      .orderBy(asc(delegations.id)),
    points: {
      balance: Number(
        (
          await db
            .select({ total: sql<number>`coalesce(sum(${ledgerEntries.points}), 0)` })
            .from(ledgerEntries)
            .where(eq(ledgerEntries.employeeId, id))
            .limit(1)
        )[0]?.total ?? 0,
      ),
      entries: await db
        .select({
          id: ledgerEntries.id,
          kind: ledgerEntries.kind,
          points: ledgerEntries.points,
          source: ledgerEntries.source,
          note: ledgerEntries.note,
          at: ledgerEntries.at,
        })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.employeeId, id))
        .orderBy(asc(ledgerEntries.id)),
    },
    approvals: await approvals(db, id),
    ratings: await ratingRecords(db, id),
    followUps: await db
      .select({
        id: followUps.id,
        title: followUps.title,
        status: followUps.status,
        dueDate: followUps.dueDate,
        waveId: followUps.waveId,
        unitId: followUps.unitId,
        ownerId: followUps.ownerId,
        createdBy: followUps.createdBy,
        createdAt: followUps.createdAt,
        updatedAt: followUps.updatedAt,
      })
      .from(followUps)
      .where(or(eq(followUps.ownerId, id), eq(followUps.createdBy, id)))
      .orderBy(asc(followUps.id)),
    courses: await db
      .select({
        id: recommendations.id,
        cycleId: recommendations.cycleId,
        dimension: recommendations.dimension,
        reason: recommendations.reason,
        courseId: recommendations.courseId,
        courseNameZh: courses.nameZh,
        courseNameEn: courses.nameEn,
        enrolmentRequestId: recommendations.requestId,
        enrolmentStatus: approvalRequests.status,
        createdAt: recommendations.createdAt,
      })
      .from(recommendations)
      .innerJoin(courses, eq(courses.id, recommendations.courseId))
      .leftJoin(approvalRequests, eq(approvalRequests.id, recommendations.requestId))
      .where(eq(recommendations.employeeId, id))
      .orderBy(asc(recommendations.id)),
    // How far they got with each approved course (the courses above): enrolled → attended → completed.
    training: await db
      .select({
        recommendationId: trainingProgress.recommendationId,
        courseId: recommendations.courseId,
        state: trainingProgress.state,
        attendedAt: trainingProgress.attendedAt,
        completedAt: trainingProgress.completedAt,
        updatedAt: trainingProgress.updatedAt,
      })
      .from(trainingProgress)
      .innerJoin(recommendations, eq(recommendations.id, trainingProgress.recommendationId))
      .where(eq(recommendations.employeeId, id))
      .orderBy(asc(trainingProgress.recommendationId)),
    // Conversations a manager was asked to hold about them, or that they were asked to hold as a manager.
    performanceTalks: await db
      .select({
        id: performanceTalks.id,
        cycleId: performanceTalks.cycleId,
        employeeId: performanceTalks.employeeId,
        managerId: performanceTalks.managerId,
        dimension: performanceTalks.dimension,
        scores: performanceTalks.scores,
        dueAt: performanceTalks.dueAt,
        status: performanceTalks.status,
        createdAt: performanceTalks.createdAt,
        doneAt: performanceTalks.doneAt,
      })
      .from(performanceTalks)
      .where(or(eq(performanceTalks.employeeId, id), eq(performanceTalks.managerId, id)))
      .orderBy(asc(performanceTalks.id)),
    // Feedback shared right away, received and given (the other person named for readability).
    sharedFeedback: await db
      .select({
        id: sharedFeedback.id,
        raterId: sharedFeedback.raterId,
        subjectId: sharedFeedback.subjectId,
        otherName: other.name,
        comment: sharedFeedback.comment,
        createdAt: sharedFeedback.createdAt,
        acknowledgedAt: sharedFeedback.acknowledgedAt,
      })
      .from(sharedFeedback)
      .leftJoin(
        other,
        or(
          and(eq(sharedFeedback.subjectId, id), eq(other.id, sharedFeedback.raterId)),
          and(eq(sharedFeedback.raterId, id), eq(other.id, sharedFeedback.subjectId)),
        ),
      )
      .where(or(eq(sharedFeedback.subjectId, id), eq(sharedFeedback.raterId, id)))
      .orderBy(asc(sharedFeedback.id)),
    // Announcements sent to them, with when they acknowledged each (read receipts are not anonymous), and those
    // they sent, with their texts.
    announcementsReceived: await db
      .select({
        announcementId: announcementReceipts.announcementId,
        senderId: announcements.senderId,
        senderName: other.name,
        titleZh: announcements.titleZh,
        titleEn: announcements.titleEn,
        deliveredAt: announcementReceipts.deliveredAt,
        readAt: announcementReceipts.readAt,
      })
      .from(announcementReceipts)
      .innerJoin(announcements, eq(announcements.id, announcementReceipts.announcementId))
      .leftJoin(other, eq(other.id, announcements.senderId))
      .where(eq(announcementReceipts.personId, id))
      .orderBy(asc(announcementReceipts.announcementId)),
    announcementsSent: await db
      .select()
      .from(announcements)
      .where(eq(announcements.senderId, id))
      .orderBy(asc(announcements.id)),
    // Their development path (issue 25 §4): the enrolment, and each course completed with who marked it.
    developmentPath: await db
      .select({
        enrolmentId: pathEnrolments.id,
        pathId: pathEnrolments.pathId,
        pathNameZh: developmentPaths.nameZh,
        pathNameEn: developmentPaths.nameEn,
        startedOn: pathEnrolments.startedOn,
        currentStage: pathEnrolments.currentStage,
        finishedAt: pathEnrolments.finishedAt,
        assignedBy: pathEnrolments.assignedBy,
        assignedByName: other.name,
      })
      .from(pathEnrolments)
      .innerJoin(developmentPaths, eq(developmentPaths.id, pathEnrolments.pathId))
      .leftJoin(other, eq(other.id, pathEnrolments.assignedBy))
      .where(eq(pathEnrolments.employeeId, id)),
    developmentPathCourses: await db
      .select({
        enrolmentId: pathCourseProgress.enrolmentId,
        courseId: pathCourseProgress.courseId,
        courseNameZh: courses.nameZh,
        courseNameEn: courses.nameEn,
        completedAt: pathCourseProgress.completedAt,
        markedBy: pathCourseProgress.markedBy,
        markedByName: other.name,
      })
      .from(pathCourseProgress)
      .innerJoin(pathEnrolments, eq(pathEnrolments.id, pathCourseProgress.enrolmentId))
      .innerJoin(courses, eq(courses.id, pathCourseProgress.courseId))
      .leftJoin(other, eq(other.id, pathCourseProgress.markedBy))
      .where(eq(pathEnrolments.employeeId, id))
      .orderBy(asc(pathCourseProgress.completedAt), asc(pathCourseProgress.courseId)),
    // Their attendance days as the platforms or HR's CSV reported them (issue 25 §1).
    attendance: await db
      .select({
        day: attendanceDays.day,
        status: attendanceDays.status,
        lateMinutes: attendanceDays.lateMinutes,
        source: attendanceDays.source,
        updatedAt: attendanceDays.updatedAt,
      })
      .from(attendanceDays)
      .where(eq(attendanceDays.personId, id))
      .orderBy(asc(attendanceDays.day)),
    surveyParticipation: await db
      .select({
        waveId: surveyParticipation.waveId,
        unitIdAtLaunch: surveyParticipation.unitId,
        answered: surveyParticipation.answered,
        remindersSent: surveyParticipation.remindersSent,
        openedAt: surveyWaves.openedAt,
        closesAt: surveyWaves.closesAt,
      })
      .from(surveyParticipation)
      .innerJoin(surveyWaves, eq(surveyWaves.id, surveyParticipation.waveId))
      .where(eq(surveyParticipation.employeeId, id))
      .orderBy(asc(surveyParticipation.waveId)),
    audit: await db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorEmployeeId: auditLog.actorEmployeeId,
        action: auditLog.action,
        subject: auditLog.subject,
        detail: auditLog.detail,
      })
      .from(auditLog)
      .where(
        or(and(eq(auditLog.actorKind, 'employee'), eq(auditLog.actorEmployeeId, id)), eq(auditLog.subject, subject)),
      )
      .orderBy(asc(auditLog.id)),
  };
}
