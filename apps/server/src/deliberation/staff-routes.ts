import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../db/database.js';
import * as api from '../http/api-schemas.js';
import { audit } from '../http/audit.js';
import { ApiError, errors } from '../http/errors.js';
import { idempotentWrite, type WriteResult } from '../http/idempotency.js';
import { freeText } from '../http/text.js';
import { errorResponses, s } from '../http/validation.js';
import { noBodyIsEmpty } from '../identity/routes.js';
import { canManageSite, requireStaff, staffOf } from '../staff/routes.js';
import { PROGRESS_STATUSES } from './progress.js';
import { bearer as security, eligibleHouseholds, emptyBody, idParams, motionOr404, proposalOr404, proposalRows, settingsOf, todayForSite, topicOr404 } from './shared.js';
import { motionStatus } from './tally.js';
import { meetingView, motionView, progressView, proposalView, toPairs, topicView, type Localized } from './views.js';

const tags = ['staff', 'deliberation'];
const localized = (max: number) => ({ type: 'object', additionalProperties: false, required: ['zh-CN', 'en'], properties: { 'zh-CN': freeText(max), en: freeText(max) } });
const rule = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { type: 'string', enum: ['majority'] } } },
    { type: 'object', additionalProperties: false, required: ['kind', 'quorum'], properties: { kind: { type: 'string', enum: ['quorum'] }, quorum: { type: 'number', minimum: 0, maximum: 1 } } },
  ],
};
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' };
const staffErrors = (...more: number[]) => errorResponses(401, 403, 404, ...more);

const otherSite = () => new ApiError(403, 'FORBIDDEN', 'This deliberation is run by another site: a site administrator can change only their own site\'s.', '该议事由其他站点负责：站点管理员只能管理本站点的议事。');
const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/**
 * Staff routes of the deliberation (issue 10 item 6): motions and their
 * opening and closing, meetings, official answers, progress and the review of
 * reported comments. Each needs a live staff token, is limited to the staff
 * member's site (an admin has every site), and is written to the audit log in
 * the same transaction as the change. A request with an Idempotency-Key is
 * replayed, not repeated, when a console retries it.
 */
export function deliberationStaffRoutes(app: FastifyInstance): void {
  const { store } = app.ctx;
  const { db } = store;
  const now = () => app.ctx.now();

  function mayManage(request: FastifyRequest, siteId: string | null): void {
    const staff = staffOf(request);
    if (!(siteId ? canManageSite(staff, siteId) : staff.role === 'admin')) throw otherSite();
  }

  async function staffWrite(request: FastifyRequest, reply: FastifyReply, action: string, handler: (tx: Tx, at: Date) => Promise<WriteResult & { subject: string; detail?: Record<string, unknown> }>): Promise<unknown> {
    const staff = staffOf(request);
    const work = async (tx: Tx): Promise<WriteResult> => {
      const at = now();
      const { subject, detail, ...out } = await handler(tx, at);
      await audit(tx, { at, actor: `staff:${staff.sub}`, action, subject, detail: { role: staff.role, site: staff.site ?? null, ...detail } });
      return out;
    };
    if (request.headers['idempotency-key'] !== undefined) return idempotentWrite(request, reply, work);
    const out = store.groupCommit ? await store.groupCommit.run(work) : await db.transaction().execute(work);
    return reply.code(out.status).send(out.body);
  }

  app.post(
    '/api/staff/deliberation/topics/:topicId/motions',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Create a motion with its rule (majority, or a quorum of eligible households). Audited.',
        params: idParams('topicId'),
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'body', 'rule', 'opensAt', 'closesAt'],
          properties: { title: localized(200), body: localized(2000), rule, showCountsWhileOpen: { type: 'boolean' }, opensAt: s.isoDateTime, closesAt: s.isoDateTime, meetingId: s.id },
        },
        response: { 201: api.motion, ...staffErrors(409, 422) },
      },
    },
    async (request, reply) => {
      const { topicId } = request.params as { topicId: string };
      const b = request.body as { title: Localized; body: Localized; rule: object; showCountsWhileOpen?: boolean; opensAt: string; closesAt: string; meetingId?: string };
      if (!(Date.parse(b.closesAt) > Date.parse(b.opensAt))) throw errors.validation('closesAt must be after opensAt', '/closesAt');
      return staffWrite(request, reply, 'staff.motion.create', async (tx, at) => {
        const topic = await topicOr404(tx, topicId);
        mayManage(request, topic.site_id);
        if (b.meetingId && !(await tx.selectFrom('meetings').select('id').where('id', '=', b.meetingId).where('topic_id', '=', topicId).executeTakeFirst())) throw errors.notFound('The meeting', '该会议');
        const id = newId('motion');
        const row = {
          id, topic_id: topicId, meeting_id: b.meetingId ?? null, title_zh: b.title['zh-CN'], title_en: b.title.en, body_zh: b.body['zh-CN'], body_en: b.body.en,
          opens_at: new Date(b.opensAt).toISOString(), closes_at: new Date(b.closesAt).toISOString(), rule: JSON.stringify(b.rule), show_counts_while_open: b.showCountsWhileOpen ? 1 : 0, choices: JSON.stringify(['agree', 'disagree', 'abstain']),
        };
        await tx.insertInto('motions').values(row).execute();
        return { status: 201, body: motionView(row, at, await eligibleHouseholds(tx, topic.community)), subject: `motion:${id}`, detail: { topicId, rule: b.rule, opensAt: row.opens_at, closesAt: row.closes_at } };
      });
    },
  );

  for (const op of ['open', 'close'] as const) {
    app.post(
      `/api/staff/deliberation/motions/:motionId/${op}`,
      {
        preValidation: noBodyIsEmpty,
        preHandler: requireStaff,
        schema: {
          tags,
          security,
          summary: op === 'open' ? 'Open voting now (an open motion stays as it is; a closed one cannot be reopened: 409 MOTION_CLOSED). Audited.' : 'Close voting now and publish the result (a closed motion stays as it is; one not yet open: 409 MOTION_NOT_OPEN). Audited.',
          params: idParams('motionId'),
          body: emptyBody,
          response: { 200: api.motion, ...staffErrors(409, 422) },
        },
      },
      async (request, reply) => {
        const { motionId } = request.params as { motionId: string };
        return staffWrite(request, reply, `staff.motion.${op}`, async (tx, at) => {
          const m = await motionOr404(tx, motionId);
          mayManage(request, m.site_id);
          const status = motionStatus(m.opens_at, m.closes_at, at);
          const iso = at.toISOString();
          const next = { ...m };
          if (op === 'open') {
            if (status === 'closed') throw new ApiError(409, 'MOTION_CLOSED', `Voting on this motion closed at ${m.closes_at}; a published result is not reopened.`, `该动议的投票已于 ${m.closes_at} 截止，已公布的结果不再重新开放。`, { closesAt: m.closes_at });
            if (status === 'upcoming') next.opens_at = iso;
          } else {
            if (status === 'upcoming') throw new ApiError(409, 'MOTION_NOT_OPEN', `Voting has not opened yet (opens at ${m.opens_at}).`, `投票尚未开始（将于 ${m.opens_at} 开始）。`, { opensAt: m.opens_at });
            if (status === 'open') next.closes_at = iso;
          }
          if (next.opens_at !== m.opens_at || next.closes_at !== m.closes_at) await tx.updateTable('motions').set({ opens_at: next.opens_at, closes_at: next.closes_at }).where('id', '=', motionId).execute();
          return { status: 200, body: motionView(next, at, await eligibleHouseholds(tx, m.community)), subject: `motion:${motionId}`, detail: { was: status, opensAt: next.opens_at, closesAt: next.closes_at } };
        });
      },
    );
  }

  app.post(
    '/api/staff/deliberation/topics/:topicId/meetings',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Record a meeting: agenda, attendance (departments by name, residents as a count), minutes and decisions. Audited.',
        params: idParams('topicId'),
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['startsAt', 'place', 'agenda', 'attendance', 'decisions'],
          properties: {
            startsAt: s.isoDateTime,
            place: localized(200),
            agenda: { type: 'array', maxItems: 30, items: localized(300) },
            attendance: {
              type: 'object',
              additionalProperties: false,
              required: ['departments', 'residents'],
              properties: { departments: { type: 'array', maxItems: 30, items: localized(120) }, residents: { type: 'integer', minimum: 0, maximum: 100000 } },
            },
            minutes: localized(5000),
            decisions: { type: 'array', maxItems: 30, items: localized(500) },
          },
        },
        response: { 201: api.meeting, ...staffErrors(422) },
      },
    },
    async (request, reply) => {
      const { topicId } = request.params as { topicId: string };
      const b = request.body as { startsAt: string; place: Localized; agenda: Localized[]; attendance: { departments: Localized[]; residents: number }; minutes?: Localized; decisions: Localized[] };
      return staffWrite(request, reply, 'staff.meeting.create', async (tx) => {
        const topic = await topicOr404(tx, topicId);
        mayManage(request, topic.site_id);
        const id = newId('meet');
        const row = {
          id, topic_id: topicId, starts_at: new Date(b.startsAt).toISOString(), place_zh: b.place['zh-CN'], place_en: b.place.en, agenda: JSON.stringify(toPairs(b.agenda)),
          minutes_zh: b.minutes?.['zh-CN'] ?? null, minutes_en: b.minutes?.en ?? null,
          attendance: JSON.stringify({ departments: toPairs(b.attendance.departments), residents: b.attendance.residents }), decisions: JSON.stringify(toPairs(b.decisions)),
        };
        await tx.insertInto('meetings').values(row).execute();
        return { status: 201, body: meetingView(row), subject: `meeting:${id}`, detail: { topicId, startsAt: row.starts_at, residents: b.attendance.residents } };
      });
    },
  );

  app.put(
    '/api/staff/deliberation/proposals/:proposalId/answer',
    {
      preHandler: requireStaff,
      schema: { tags, security, summary: 'Publish (or replace) the official answer to a proposal. Audited.', params: idParams('proposalId'), body: { type: 'object', additionalProperties: false, required: ['answer'], properties: { answer: localized(3000) } }, response: { 200: api.proposal, ...staffErrors(422) } },
    },
    async (request, reply) => {
      const { proposalId } = request.params as { proposalId: string };
      const { answer } = request.body as { answer: Localized };
      return staffWrite(request, reply, 'staff.proposal.answer', async (tx) => {
        const p = await proposalOr404(tx, proposalId);
        mayManage(request, p.site_id);
        await tx.updateTable('proposals').set({ official_answer_zh: answer['zh-CN'], official_answer_en: answer.en }).where('id', '=', proposalId).execute();
        const row = await proposalRows(tx).where('p.id', '=', proposalId).executeTakeFirstOrThrow();
        return { status: 200, body: proposalView(row, Number(row.supports ?? 0), Number(row.comments ?? 0), settingsOf(app)), subject: `proposal:${proposalId}`, detail: { replaced: p.official_answer_zh !== null } };
      });
    },
  );

  app.put(
    '/api/staff/deliberation/topics/:topicId/answer',
    {
      preHandler: requireStaff,
      schema: { tags, security, summary: 'Publish (or replace) the official answer to a topic. Audited.', params: idParams('topicId'), body: { type: 'object', additionalProperties: false, required: ['answer'], properties: { answer: localized(3000) } }, response: { 200: api.topic, ...staffErrors(422) } },
    },
    async (request, reply) => {
      const { topicId } = request.params as { topicId: string };
      const { answer } = request.body as { answer: Localized };
      return staffWrite(request, reply, 'staff.topic.answer', async (tx) => {
        const t = await topicOr404(tx, topicId);
        mayManage(request, t.site_id);
        await tx.updateTable('topics').set({ official_answer_zh: answer['zh-CN'], official_answer_en: answer.en }).where('id', '=', topicId).execute();
        const updated = { ...t, official_answer_zh: answer['zh-CN'], official_answer_en: answer.en };
        return { status: 200, body: topicView(updated, await eligibleHouseholds(tx, t.community)), subject: `topic:${topicId}`, detail: { replaced: t.official_answer_zh !== null } };
      });
    },
  );

  app.put(
    '/api/staff/deliberation/progress/:progressId',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Update a progress item: status, and optionally its owner, deadline and a note (kept with the audit entry). Audited.',
        params: idParams('progressId'),
        body: { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: [...PROGRESS_STATUSES] }, owner: freeText(120), dueOn: day, note: freeText(1000) } },
        response: { 200: api.progressItem, ...staffErrors(422) },
      },
    },
    async (request, reply) => {
      const { progressId } = request.params as { progressId: string };
      const b = request.body as { status: string; owner?: string; dueOn?: string; note?: string };
      return staffWrite(request, reply, 'staff.progress.update', async (tx, at) => {
        const p = await tx.selectFrom('progress as p').innerJoin('topics as t', 't.id', 'p.topic_id').selectAll('p').select('t.site_id').where('p.id', '=', progressId).executeTakeFirst();
        if (!p) throw errors.notFound('The progress item', '该进度事项');
        mayManage(request, p.site_id);
        const set = { status: b.status, owner: b.owner ?? p.owner, due_on: b.dueOn ?? p.due_on, note: b.note ?? p.note, updated_at: at.toISOString() };
        await tx.updateTable('progress').set(set).where('id', '=', progressId).execute();
        const today = await todayForSite(tx, p.site_id, at);
        return {
          status: 200,
          body: progressView({ ...p, ...set }, today, settingsOf(app)),
          subject: `progress:${progressId}`,
          detail: { from: { status: p.status, owner: p.owner, dueOn: p.due_on }, to: { status: set.status, owner: set.owner, dueOn: set.due_on }, note: b.note ?? null },
        };
      });
    },
  );

  app.get(
    '/api/staff/deliberation/reported-comments',
    { preHandler: requireStaff, schema: { tags, security, summary: 'Comments with reports since their last review (hidden ones first), for the sites this staff member manages.', response: { 200: api.reportedComments, ...errorResponses(401) } } },
    async (request) => {
      const staff = staffOf(request);
      let q = db
        .selectFrom('comment_reports as r')
        .innerJoin('comments as c', 'c.id', 'r.comment_id')
        .innerJoin('proposals as p', 'p.id', 'c.proposal_id')
        .innerJoin('topics as t', 't.id', 'p.topic_id')
        .select(['c.id', 'c.proposal_id', 'c.body', 'c.hidden', 'c.reviewed_at', 'r.created_at'])
        .where((eb) => eb.or([eb('c.review', 'is', null), eb('c.review', '=', 'restore')]));
      if (staff.role !== 'admin') q = q.where('t.site_id', '=', staff.site ?? '');
      const rows = await q.execute();
      const byComment = new Map<string, { id: string; proposalId: string; body: string; reports: number; hidden: boolean }>();
      for (const r of rows) {
        if (r.reviewed_at && r.created_at <= r.reviewed_at) continue;
        const item = byComment.get(r.id) ?? { id: r.id, proposalId: r.proposal_id, body: r.body, reports: 0, hidden: Number(r.hidden) === 1 };
        item.reports += 1;
        byComment.set(r.id, item);
      }
      return [...byComment.values()].sort((a, b) => Number(b.hidden) - Number(a.hidden) || b.reports - a.reports || a.id.localeCompare(b.id));
    },
  );

  app.post(
    '/api/staff/deliberation/comments/:commentId/review',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Review a reported comment: restore it (shown again; only later reports count) or remove it (hidden for good). Audited.',
        params: idParams('commentId'),
        body: { type: 'object', additionalProperties: false, required: ['decision'], properties: { decision: { type: 'string', enum: ['restore', 'remove'] } } },
        response: { 200: api.reviewAnswer, ...staffErrors(422) },
      },
    },
    async (request, reply) => {
      const { commentId } = request.params as { commentId: string };
      const { decision } = request.body as { decision: 'restore' | 'remove' };
      return staffWrite(request, reply, `staff.comment.${decision}`, async (tx, at) => {
        const c = await tx
          .selectFrom('comments as c')
          .innerJoin('proposals as p', 'p.id', 'c.proposal_id')
          .innerJoin('topics as t', 't.id', 'p.topic_id')
          .select(['c.id', 'c.hidden', 'c.review', 't.site_id'])
          .where('c.id', '=', commentId)
          .executeTakeFirst();
        if (!c) throw errors.notFound('The comment', '该评论');
        mayManage(request, c.site_id);
        const hidden = decision === 'remove';
        await tx.updateTable('comments').set({ hidden: hidden ? 1 : 0, review: decision, reviewed_at: at.toISOString() }).where('id', '=', commentId).execute();
        return { status: 200, body: { commentId, decision, hidden }, subject: `comment:${commentId}`, detail: { wasHidden: Number(c.hidden) === 1, previousReview: c.review } };
      });
    },
  );
}
