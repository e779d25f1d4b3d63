import * as api from '../http/api-schemas.js';
import type { FastifyInstance } from 'fastify';
import { audit } from '../http/audit.js';
import { principalOf, requireToken } from '../http/auth.js';
import { ApiError, errors } from '../http/errors.js';
import { idempotentWrite } from '../http/idempotency.js';
import { freeText } from '../http/text.js';
import { errorResponses, s } from '../http/validation.js';
import { CHOICES, motionStatus, newReceipt, tally, type Choice } from './tally.js';

const idParams = (name: string) => ({ type: 'object', additionalProperties: false, required: [name], properties: { [name]: s.id } });
const emptyBody = { type: 'object', additionalProperties: false, properties: {} };
const tags = ['deliberation'];
const auth = [{ bearer: [] }];

export function deliberationRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  const now = () => app.ctx.now();
  const resident = requireToken('deliberation');

  async function topicOr404(topicId: string) {
    const topic = await db.selectFrom('topics').selectAll().where('id', '=', topicId).executeTakeFirst();
    if (!topic) throw errors.notFound('The topic', '该议题');
    return topic;
  }

  app.get('/api/deliberation/topics', { schema: { tags, summary: 'Topics under deliberation.', response: { 200: api.topicList, ...errorResponses() } } }, async () => {
    const rows = await db.selectFrom('topics').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((t) => ({ id: t.id, community: t.community, title: { 'zh-CN': t.title_zh, en: t.title_en }, createdAt: t.created_at }));
  });

  app.get(
    '/api/deliberation/topics/:topicId',
    { schema: { tags, summary: 'A topic: the problem, its figures and the official answer.', params: idParams('topicId'), response: { 200: api.topic, ...errorResponses(404) } } },
    async (request) => {
      const t = await topicOr404((request.params as { topicId: string }).topicId);
      const eligible = await db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).where('community', '=', t.community).executeTakeFirstOrThrow();
      return {
        id: t.id,
        community: t.community,
        title: { 'zh-CN': t.title_zh, en: t.title_en },
        summary: { 'zh-CN': t.summary_zh, en: t.summary_en },
        figures: JSON.parse(t.figures) as unknown,
        eligibleHouseholds: Number(eligible.n),
        officialAnswer: t.official_answer_zh ? { 'zh-CN': t.official_answer_zh, en: t.official_answer_en } : null,
        createdAt: t.created_at,
      };
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/proposals',
    { schema: { tags, summary: 'Proposals with their support and comment counts.', params: idParams('topicId'), response: { 200: api.proposalList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(topicId);
      const rows = await db
        .selectFrom('proposals as p')
        .select((eb) => [
          'p.id', 'p.title_zh', 'p.title_en', 'p.body_zh', 'p.body_en', 'p.created_at',
          eb.selectFrom('supports').whereRef('supports.proposal_id', '=', 'p.id').select((e) => e.fn.countAll<number>().as('n')).as('supports'),
          eb.selectFrom('comments').whereRef('comments.proposal_id', '=', 'p.id').select((e) => e.fn.countAll<number>().as('n')).as('comments'),
        ])
        .where('p.topic_id', '=', topicId)
        .orderBy('p.created_at')
        .execute();
      return rows.map((p) => ({
        id: p.id,
        title: { 'zh-CN': p.title_zh, en: p.title_en },
        body: { 'zh-CN': p.body_zh, en: p.body_en },
        supports: Number(p.supports ?? 0),
        comments: Number(p.comments ?? 0),
        createdAt: p.created_at,
      }));
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
        const topic = await tx.selectFrom('topics').select('id').where('id', '=', topicId).executeTakeFirst();
        if (!topic) throw errors.notFound('The topic', '该议题');
        const id = `prop-${newReceipt().toLowerCase()}`;
        const createdAt = now().toISOString();
        await tx
          .insertInto('proposals')
          .values({ id, topic_id: topicId, title_zh: body.title, title_en: body.titleEn ?? body.title, body_zh: body.body, body_en: body.bodyEn ?? body.body, author_id: who.sub, created_at: createdAt })
          .execute();
        return { status: 201, body: { id, topicId, createdAt } };
      });
    },
  );

  app.get(
    '/api/deliberation/proposals/:proposalId/comments',
    { schema: { tags, summary: 'Comments on a proposal, oldest first.', params: idParams('proposalId'), response: { 200: api.commentList, ...errorResponses(404) } } },
    async (request) => {
      const { proposalId } = request.params as { proposalId: string };
      const p = await db.selectFrom('proposals').select('id').where('id', '=', proposalId).executeTakeFirst();
      if (!p) throw errors.notFound('The proposal', '该方案');
      const rows = await db.selectFrom('comments').select(['id', 'body', 'created_at']).where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
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
        const p = await tx.selectFrom('proposals').select('id').where('id', '=', proposalId).executeTakeFirst();
        if (!p) throw errors.notFound('The proposal', '该方案');
        const id = `cmt-${newReceipt().toLowerCase()}`;
        const createdAt = now().toISOString();
        await tx.insertInto('comments').values({ id, proposal_id: proposalId, resident_id: who.sub, body, created_at: createdAt }).execute();
        return { status: 201, body: { id, proposalId, body, createdAt } };
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
        const p = await tx.selectFrom('proposals').select('id').where('id', '=', proposalId).executeTakeFirst();
        if (!p) throw errors.notFound('The proposal', '该方案');
        await tx
          .insertInto('supports')
          .values({ proposal_id: proposalId, resident_id: who.sub, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['proposal_id', 'resident_id']).doNothing())
          .execute();
        const n = await tx.selectFrom('supports').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
        return { status: 200, body: { proposalId, supported: true, supports: Number(n.n) } };
      });
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/meetings',
    { schema: { tags, summary: 'Meetings with agenda and minutes.', params: idParams('topicId'), response: { 200: api.meetingList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(topicId);
      const rows = await db.selectFrom('meetings').selectAll().where('topic_id', '=', topicId).orderBy('starts_at').execute();
      return rows.map((m) => ({
        id: m.id,
        startsAt: m.starts_at,
        place: { 'zh-CN': m.place_zh, en: m.place_en },
        agenda: JSON.parse(m.agenda) as unknown,
        minutes: m.minutes_zh ? { 'zh-CN': m.minutes_zh, en: m.minutes_en } : null,
      }));
    },
  );

  const motionView = (m: { id: string; title_zh: string; title_en: string; opens_at: string; closes_at: string; meeting_id: string | null }) => ({
    id: m.id,
    title: { 'zh-CN': m.title_zh, en: m.title_en },
    meetingId: m.meeting_id,
    opensAt: m.opens_at,
    closesAt: m.closes_at,
    status: motionStatus(m.opens_at, m.closes_at, now()),
    choices: CHOICES,
  });

  app.get(
    '/api/deliberation/topics/:topicId/motions',
    { schema: { tags, summary: 'Motions put to the vote.', params: idParams('topicId'), response: { 200: api.motionList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(topicId);
      const rows = await db.selectFrom('motions').selectAll().where('topic_id', '=', topicId).orderBy('opens_at').execute();
      return rows.map(motionView);
    },
  );

  async function motionOr404(motionId: string) {
    const m = await db.selectFrom('motions').selectAll().where('id', '=', motionId).executeTakeFirst();
    if (!m) throw errors.notFound('The motion', '该动议');
    return m;
  }

  app.get(
    '/api/deliberation/motions/:motionId',
    { schema: { tags, summary: 'One motion.', params: idParams('motionId'), response: { 200: api.motion, ...errorResponses(404) } } },
    async (request) => motionView(await motionOr404((request.params as { motionId: string }).motionId)),
  );

  app.post(
    '/api/deliberation/motions/:motionId/ballots',
    {
      preHandler: resident,
      schema: {
        tags,
        security: auth,
        summary: 'Cast or change the household\'s ballot; answers with a receipt code that appears in the public tally.',
        params: idParams('motionId'),
        body: { type: 'object', additionalProperties: false, required: ['choice'], properties: { choice: { type: 'string', enum: [...CHOICES] } } },
        response: { 200: api.ballotAnswer, 201: api.ballotAnswer, ...errorResponses(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { motionId } = request.params as { motionId: string };
      const { choice } = request.body as { choice: Choice };
      const who = principalOf(request);
      if (!who.hh) throw errors.unauthorized();
      const household = who.hh;
      return idempotentWrite(request, reply, async (tx) => {
        // The motion and this household's current ballot in one round trip.
        const m = await tx
          .selectFrom('motions')
          .select((eb) => ['opens_at', 'closes_at', eb.selectFrom('ballots').select('receipt').where('motion_id', '=', motionId).where('household_id', '=', household).as('previous_receipt')])
          .where('id', '=', motionId)
          .executeTakeFirst();
        if (!m) throw errors.notFound('The motion', '该动议');
        const previous = m.previous_receipt ? { receipt: m.previous_receipt } : undefined;
        const at = now();
        const status = motionStatus(m.opens_at, m.closes_at, at);
        if (status === 'closed') throw new ApiError(409, 'MOTION_CLOSED', `Voting on this motion closed at ${m.closes_at}.`, `该动议的投票已于 ${m.closes_at} 截止。`, { closesAt: m.closes_at });
        if (status === 'upcoming') throw new ApiError(409, 'MOTION_NOT_OPEN', `Voting opens at ${m.opens_at}.`, `投票将于 ${m.opens_at} 开始。`, { opensAt: m.opens_at });
        const receipt = newReceipt();
        const iso = at.toISOString();
        // Upsert on (motion, household): concurrent votes from one household leave exactly one row.
        await tx
          .insertInto('ballots')
          .values({ motion_id: motionId, household_id: household, resident_id: who.sub, choice, receipt, cast_at: iso, updated_at: iso })
          .onConflict((oc) => oc.columns(['motion_id', 'household_id']).doUpdateSet({ choice, receipt, resident_id: who.sub, updated_at: iso }))
          .execute();
        await audit(tx, { at, actor: `resident:${who.sub}`, action: previous ? 'ballot.change' : 'ballot.cast', subject: `motion:${motionId}`, detail: { household, receipt, replaced: previous?.receipt ?? null } });
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
      await motionOr404(motionId);
      const b = await db.selectFrom('ballots').select(['choice', 'receipt', 'updated_at']).where('motion_id', '=', motionId).where('household_id', '=', who.hh ?? '').executeTakeFirst();
      return { motionId, ballot: b ? { choice: b.choice, receipt: b.receipt, updatedAt: b.updated_at } : null };
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId/results',
    {
      schema: {
        tags,
        summary: 'The public tally, computed from the ballots on every request, with every counted receipt code.',
        params: idParams('motionId'),
        response: { 200: api.motionResults, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { motionId } = request.params as { motionId: string };
      const m = await motionOr404(motionId);
      const topic = await db.selectFrom('topics').select('community').where('id', '=', m.topic_id).executeTakeFirstOrThrow();
      const [ballots, eligible] = await Promise.all([
        db.selectFrom('ballots').select(['household_id', 'choice', 'receipt']).where('motion_id', '=', motionId).execute(),
        db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).where('community', '=', topic.community).executeTakeFirstOrThrow(),
      ]);
      return { motionId, status: motionStatus(m.opens_at, m.closes_at, now()), closesAt: m.closes_at, ...tally(ballots, Number(eligible.n)) };
    },
  );

  app.get(
    '/api/deliberation/motions/:motionId/receipts/:receipt',
    {
      schema: {
        tags,
        summary: 'Check that a receipt code is counted (reveals nothing about the choice); 404 when it is not.',
        params: { type: 'object', additionalProperties: false, required: ['motionId', 'receipt'], properties: { motionId: s.id, receipt: { type: 'string', pattern: '^[A-Z0-9-]{6,32}$' } } },
        response: { 200: api.receiptCheck, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { motionId, receipt } = request.params as { motionId: string; receipt: string };
      await motionOr404(motionId);
      const b = await db.selectFrom('ballots').select('receipt').where('motion_id', '=', motionId).where('receipt', '=', receipt).executeTakeFirst();
      if (!b) throw new ApiError(404, 'NOT_FOUND', `Receipt ${receipt} is not in the tally of this motion (it may have been replaced by a later vote of the household).`, `回执 ${receipt} 不在本动议的计票中（可能已被本户后来的投票替换）。`, { counted: false });
      return { motionId, receipt, counted: true };
    },
  );

  app.get(
    '/api/deliberation/topics/:topicId/progress',
    { schema: { tags, summary: 'Implementation progress with owners and deadlines.', params: idParams('topicId'), response: { 200: api.progressList, ...errorResponses(404) } } },
    async (request) => {
      const { topicId } = request.params as { topicId: string };
      await topicOr404(topicId);
      const rows = await db.selectFrom('progress').selectAll().where('topic_id', '=', topicId).orderBy('due_on').execute();
      return rows.map((p) => ({ id: p.id, title: { 'zh-CN': p.title_zh, en: p.title_en }, owner: p.owner, dueOn: p.due_on, status: p.status, updatedAt: p.updated_at }));
    },
  );
}
