import * as api from '../http/api-schemas.js';
import type { FastifyInstance } from 'fastify';
import { audit } from '../http/audit.js';
import { principalOf, requireToken } from '../http/auth.js';
import { ApiError, errors } from '../http/errors.js';
import { idempotentWrite } from '../http/idempotency.js';
import { freeText } from '../http/text.js';
import { errorResponses, s } from '../http/validation.js';
import { noBodyIsEmpty } from '../identity/routes.js';
import { choiceNotOffered, notEligible } from './eligibility.js';
import { normalizeReceipt } from './receipts.js';
import { parseChoices, parseRule, publicResults } from './results.js';
import { bearer as auth, eligibleHouseholds, emptyBody, idParams, motionOr404, proposalOr404, proposalRows, settingsOf, supportCount, tags, todayForSite, topicOr404 } from './shared.js';
import { deliberationStaffRoutes } from './staff-routes.js';
import { CHOICES, motionStatus, newReceipt, tally, type Choice } from './tally.js';
import { meetingView, motionView, progressView, proposalView, topicView } from './views.js';

/**
 * The deliberation API (v2, issue 10): public reads, resident writes (each
 * idempotent and audited) and, in staff-routes.ts, the staff routes.
 */
export function deliberationRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  const now = () => app.ctx.now();
  const resident = requireToken('deliberation');
  const settings = () => settingsOf(app);
  const residentActor = (sub: string) => `resident:${sub}`;

  app.get('/api/deliberation/topics', { schema: { tags, summary: 'Topics under deliberation.', response: { 200: api.topicList, ...errorResponses() } } }, async () => {
    const rows = await db.selectFrom('topics').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((t) => ({ id: t.id, community: t.community, title: { 'zh-CN': t.title_zh, en: t.title_en }, createdAt: t.created_at }));
  });

  app.get(
    '/api/deliberation/topics/:topicId',
    { schema: { tags, summary: 'A topic: the problem, its figures (only the well-formed ones) and the official answer.', params: idParams('topicId'), response: { 200: api.topic, ...errorResponses(404) } } },
    async (request) => {
      const t = await topicOr404(db, (request.params as { topicId: string }).topicId);
      return topicView(t, await eligibleHouseholds(db, t.community));
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/proposals',
    { schema: { tags, summary: 'Proposals with supports against their threshold, visible comments, the official answer and a follow URL.', params: idParams('topicId'), response: { 200: api.proposalList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(db, topicId);
      const rows = await proposalRows(db).where('p.topic_id', '=', topicId).orderBy('p.created_at').orderBy('p.id').execute();
      return rows.map((p) => proposalView(p, Number(p.supports ?? 0), Number(p.comments ?? 0), settings()));
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/my-supports',
    { preHandler: resident, schema: { tags, security: auth, summary: 'The proposals of this topic the signed-in resident supports.', params: idParams('topicId'), response: { 200: api.mySupports, ...errorResponses(401, 404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      const who = principalOf(request);
      await topicOr404(db, topicId);
      const rows = await db
        .selectFrom('supports as s')
        .innerJoin('proposals as p', 'p.id', 's.proposal_id')
        .select('s.proposal_id')
        .where('p.topic_id', '=', topicId)
        .where('s.resident_id', '=', who.sub)
        .orderBy('s.proposal_id')
        .execute();
      return { proposalIds: rows.map((r) => r.proposal_id) };
    },
  );

  app.post(
    '/api/deliberation/topics/:topicId/proposals',
    {
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'A verified resident adds a proposal.',
        params: idParams('topicId'),
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'body'],
          properties: { title: freeText(80), body: freeText(2000), titleEn: freeText(120), bodyEn: freeText(3000) },
        },
        response: { 201: api.proposalCreated, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { topicId } = request.params as { topicId: string };
      const body = request.body as { title: string; body: string; titleEn?: string; bodyEn?: string };
      const who = principalOf(request);
      return idempotentWrite(request, reply, async (tx) => {
        await topicOr404(tx, topicId);
        const id = `prop-${newReceipt().toLowerCase()}`;
        const at = now();
        const createdAt = at.toISOString();
        await tx
          .insertInto('proposals')
          .values({ id, topic_id: topicId, title_zh: body.title, title_en: body.titleEn ?? body.title, body_zh: body.body, body_en: body.bodyEn ?? body.body, author_id: who.sub, created_at: createdAt })
          .execute();
        await audit(tx, { at, actor: residentActor(who.sub), action: 'proposal.create', subject: `proposal:${id}`, detail: { topicId } });
        return { status: 201, body: { id, topicId, createdAt } };
      });
    },
  );

  app.get(
    '/api/deliberation/proposals/:proposalId/comments',
    { schema: { tags, summary: 'Comments on a proposal, oldest first (comments hidden by reports or by staff are left out).', params: idParams('proposalId'), response: { 200: api.commentList, ...errorResponses(404) } } },
    async (request) => {
      const { proposalId } = request.params as { proposalId: string };
      await proposalOr404(db, proposalId);
      const rows = await db.selectFrom('comments').select(['id', 'body', 'created_at']).where('proposal_id', '=', proposalId).where('hidden', '=', 0).orderBy('created_at').orderBy('id').execute();
      return rows.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at }));
    },
  );

  app.post(
    '/api/deliberation/proposals/:proposalId/comments',
    {
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'A verified resident comments on a proposal.',
        params: idParams('proposalId'),
        body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: freeText(500) } },
        response: { 201: api.commentCreated, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { proposalId } = request.params as { proposalId: string };
      const { body } = request.body as { body: string };
      const who = principalOf(request);
      return idempotentWrite(request, reply, async (tx) => {
        await proposalOr404(tx, proposalId);
        const id = `cmt-${newReceipt().toLowerCase()}`;
        const at = now();
        const createdAt = at.toISOString();
        await tx.insertInto('comments').values({ id, proposal_id: proposalId, resident_id: who.sub, body, created_at: createdAt }).execute();
        await audit(tx, { at, actor: residentActor(who.sub), action: 'comment.create', subject: `comment:${id}`, detail: { proposalId } });
        return { status: 201, body: { id, proposalId, body, createdAt } };
      });
    },
  );

  app.post(
    '/api/deliberation/comments/:commentId/reports',
    {
      preValidation: noBodyIsEmpty,
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: `Report a comment (once per resident; again gives the same answer). Enough reports (COMMENT_REPORT_THRESHOLD, default 3) hide it until staff review it.`,
        params: idParams('commentId'),
        body: emptyBody,
        response: { 200: api.reportAnswer, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { commentId } = request.params as { commentId: string };
      const who = principalOf(request);
      const { reportThreshold } = settings();
      return idempotentWrite(request, reply, async (tx) => {
        const c = await tx.selectFrom('comments').select(['id', 'hidden', 'review', 'reviewed_at']).where('id', '=', commentId).executeTakeFirst();
        if (!c) throw errors.notFound('The comment', '该评论');
        const at = now();
        const inserted = await tx
          .insertInto('comment_reports')
          .values({ comment_id: commentId, resident_id: who.sub, created_at: at.toISOString() })
          .onConflict((oc) => oc.columns(['comment_id', 'resident_id']).doNothing())
          .executeTakeFirst();
        let hidden = Number(c.hidden) === 1;
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          // Only reports since the last staff review count: a restored comment is hidden again only by new reports.
          let q = tx.selectFrom('comment_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('comment_id', '=', commentId);
          if (c.reviewed_at) q = q.where('created_at', '>', c.reviewed_at);
          const reports = Number((await q.executeTakeFirstOrThrow()).n);
          if (!hidden && reports >= reportThreshold) {
            await tx.updateTable('comments').set({ hidden: 1 }).where('id', '=', commentId).execute();
            hidden = true;
          }
          await audit(tx, { at, actor: residentActor(who.sub), action: 'comment.report', subject: `comment:${commentId}`, detail: { reports, hidden } });
        }
        return { status: 200, body: { commentId, reported: true, hidden } };
      });
    },
  );

  app.post(
    '/api/deliberation/proposals/:proposalId/supports',
    {
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'A verified resident supports a proposal (once; supporting again changes nothing).',
        params: idParams('proposalId'),
        body: emptyBody,
        response: { 200: api.supportAnswer, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { proposalId } = request.params as { proposalId: string };
      const who = principalOf(request);
      return idempotentWrite(request, reply, async (tx) => {
        await proposalOr404(tx, proposalId);
        const at = now();
        const inserted = await tx
          .insertInto('supports')
          .values({ proposal_id: proposalId, resident_id: who.sub, created_at: at.toISOString() })
          .onConflict((oc) => oc.columns(['proposal_id', 'resident_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await audit(tx, { at, actor: residentActor(who.sub), action: 'support.add', subject: `proposal:${proposalId}` });
        return { status: 200, body: { proposalId, supported: true, supports: await supportCount(tx, proposalId) } };
      });
    },
  );

  app.delete(
    '/api/deliberation/proposals/:proposalId/supports',
    {
      preValidation: noBodyIsEmpty,
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'Withdraw the resident\'s support (withdrawing one that was never given changes nothing).',
        params: idParams('proposalId'),
        body: emptyBody,
        response: { 200: api.supportAnswer, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { proposalId } = request.params as { proposalId: string };
      const who = principalOf(request);
      return idempotentWrite(request, reply, async (tx) => {
        await proposalOr404(tx, proposalId);
        const removed = await tx.deleteFrom('supports').where('proposal_id', '=', proposalId).where('resident_id', '=', who.sub).executeTakeFirst();
        if (Number(removed.numDeletedRows) > 0) await audit(tx, { at: now(), actor: residentActor(who.sub), action: 'support.withdraw', subject: `proposal:${proposalId}` });
        return { status: 200, body: { proposalId, supported: false, supports: await supportCount(tx, proposalId) } };
      });
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/meetings',
    { schema: { tags, summary: 'Meetings with agenda, attendance (departments by name, residents as a count), minutes and decisions.', params: idParams('topicId'), response: { 200: api.meetingList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(db, topicId);
      const rows = await db.selectFrom('meetings').selectAll().where('topic_id', '=', topicId).orderBy('starts_at').orderBy('id').execute();
      return rows.map(meetingView);
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/motions',
    { schema: { tags, summary: 'Motions put to the vote, in plain words, with their rule.', params: idParams('topicId'), response: { 200: api.motionList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      const topic = await topicOr404(db, topicId);
      const [rows, eligible] = await Promise.all([db.selectFrom('motions').selectAll().where('topic_id', '=', topicId).orderBy('opens_at').orderBy('id').execute(), eligibleHouseholds(db, topic.community)]);
      const at = now();
      return rows.map((m) => motionView(m, at, eligible));
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId',
    { schema: { tags, summary: 'One motion.', params: idParams('motionId'), response: { 200: api.motion, ...errorResponses(404) } } },
    async (request) => {
      const m = await motionOr404(db, (request.params as { motionId: string }).motionId);
      return motionView(m, now(), await eligibleHouseholds(db, m.community));
    },
  );

  app.post(
    '/api/deliberation/motions/:motionId/ballots',
    {
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'Cast or change the household\'s ballot (households of the motion\'s community only); answers with a receipt code that appears in the public tally.',
        params: idParams('motionId'),
        body: { type: 'object', additionalProperties: false, required: ['choice'], properties: { choice: { type: 'string', enum: [...CHOICES] } } },
        response: { 200: api.ballotAnswer, 201: api.ballotAnswer, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { motionId } = request.params as { motionId: string };
      const { choice } = request.body as { choice: Choice };
      const who = principalOf(request);
      if (!who.hh) throw errors.unauthorized();
      const household = who.hh;
      return idempotentWrite(request, reply, async (tx) => {
        // The motion, its community, the voter's household community and previous receipt in one round trip.
        const m = await tx
          .selectFrom('motions as m')
          .innerJoin('topics as t', 't.id', 'm.topic_id')
          .select((eb) => [
            'm.opens_at', 'm.closes_at', 'm.choices', 't.community',
            eb.selectFrom('ballots').select('receipt').where('motion_id', '=', motionId).where('household_id', '=', household).as('previous_receipt'),
            eb.selectFrom('households').select('community').where('id', '=', household).as('household_community'),
          ])
          .where('m.id', '=', motionId)
          .executeTakeFirst();
        if (!m) throw errors.notFound('The motion', '该动议');
        if (m.household_community !== m.community) throw notEligible(m.community);
        const previous = m.previous_receipt ? { receipt: m.previous_receipt } : undefined;
        const at = now();
        const status = motionStatus(m.opens_at, m.closes_at, at);
        if (status === 'closed') throw new ApiError(409, 'MOTION_CLOSED', `Voting on this motion closed at ${m.closes_at}.`, `该动议的投票已于 ${m.closes_at} 截止。`, { closesAt: m.closes_at });
        if (status === 'upcoming') throw new ApiError(409, 'MOTION_NOT_OPEN', `Voting opens at ${m.opens_at}.`, `投票将于 ${m.opens_at} 开始。`, { opensAt: m.opens_at });
        if (!parseChoices(m.choices).includes(choice)) throw choiceNotOffered(choice);
        const receipt = newReceipt();
        const iso = at.toISOString();
        // Upsert on (motion, household): concurrent votes from one household leave exactly one row.
        await tx
          .insertInto('ballots')
          .values({ motion_id: motionId, household_id: household, resident_id: who.sub, choice, receipt, cast_at: iso, updated_at: iso })
          .onConflict((oc) => oc.columns(['motion_id', 'household_id']).doUpdateSet({ choice, receipt, resident_id: who.sub, updated_at: iso }))
          .execute();
        await audit(tx, { at, actor: residentActor(who.sub), action: previous ? 'ballot.change' : 'ballot.cast', subject: `motion:${motionId}`, detail: { household, receipt, replaced: previous?.receipt ?? null } });
        return { status: previous ? 200 : 201, body: { motionId, choice, receipt, replacedReceipt: previous?.receipt ?? null, countedOnce: true } };
        // The stored answer for a retry never keeps the choice (issue 9 item 14).
      }, { secretFields: ['choice'] });
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId/my-ballot',
    { preHandler: resident, schema: { tags, security: auth, summary: 'The signed-in household\'s current ballot, if any.', params: idParams('motionId'), response: { 200: api.myBallot, ...errorResponses(401, 404) } } },
    async (request) => {
      const { motionId } = request.params as { motionId: string };
      const who = principalOf(request);
      await motionOr404(db, motionId);
      const b = await db.selectFrom('ballots').select(['choice', 'receipt', 'updated_at']).where('motion_id', '=', motionId).where('household_id', '=', who.hh ?? '').executeTakeFirst();
      return { motionId, ballot: b ? { choice: b.choice, receipt: b.receipt, updatedAt: b.updated_at } : null };
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId/results',
    {
      schema: {
        tags,
        summary: 'The public tally, computed from the ballots on every request, with every counted receipt code. While the vote is open the counts are hidden (countsHidden) unless the motion shows them.',
        params: idParams('motionId'),
        response: { 200: api.motionResults, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { motionId } = request.params as { motionId: string };
      const m = await motionOr404(db, motionId);
      const [ballots, eligible] = await Promise.all([
        db.selectFrom('ballots').select(['household_id', 'choice', 'receipt']).where('motion_id', '=', motionId).execute(),
        eligibleHouseholds(db, m.community),
      ]);
      const status = motionStatus(m.opens_at, m.closes_at, now());
      return { motionId, status, closesAt: m.closes_at, ...publicResults(tally(ballots, eligible), parseRule(m.rule), status, Number(m.show_counts_while_open) === 1) };
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId/receipts/:receipt',
    {
      schema: {
        tags,
        summary: 'Check that a receipt code is counted (reveals nothing about the choice); forgives case, spaces, missing hyphens, O/0 and I/L/1, and answers with the code as issued. 404 when it is not counted.',
        params: { type: 'object', additionalProperties: false, required: ['motionId', 'receipt'], properties: { motionId: s.id, receipt: { type: 'string', pattern: '^[A-Za-z0-9 -]{6,40}$' } } },
        response: { 200: api.receiptCheck, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { motionId } = request.params as { motionId: string };
      const receipt = normalizeReceipt((request.params as { receipt: string }).receipt);
      await motionOr404(db, motionId);
      const b = await db.selectFrom('ballots').select('receipt').where('motion_id', '=', motionId).where('receipt', '=', receipt).executeTakeFirst();
      if (!b) throw new ApiError(404, 'NOT_FOUND', `Receipt ${receipt} is not in the tally of this motion (it may have been replaced by a later vote of the household).`, `回执 ${receipt} 不在本动议的计票中（可能已被本户后来的投票替换）。`, { counted: false });
      return { motionId, receipt, counted: true };
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/progress',
    { schema: { tags, summary: 'Implementation progress with owners, deadlines (overdue in the site\'s time zone) and a follow URL.', params: idParams('topicId'), response: { 200: api.progressList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      const topic = await topicOr404(db, topicId);
      const [rows, today] = await Promise.all([db.selectFrom('progress').selectAll().where('topic_id', '=', topicId).orderBy('due_on').orderBy('id').execute(), todayForSite(db, topic.site_id, now())]);
      return rows.map((p) => progressView(p, today, settings()));
    },
  );

  deliberationStaffRoutes(app);
}
