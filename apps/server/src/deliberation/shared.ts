import type { FastifyInstance } from 'fastify';
import type { Db, Tx } from '../db/database.js';
import { errors } from '../http/errors.js';
import { s } from '../http/validation.js';
import { eligibleHouseholds } from './eligibility.js';
import { deliberationSettings, type DeliberationSettings } from './follow.js';
import { todayIn } from './progress.js';

/** Fragments and lookups the public, resident and staff routes share. */
export const idParams = (...names: string[]) => ({ type: 'object', additionalProperties: false, required: names, properties: Object.fromEntries(names.map((n) => [n, s.id])) });
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;
export const tags = ['deliberation'];
export const bearer = [{ bearer: [] }];

const settingsByApp = new WeakMap<FastifyInstance, DeliberationSettings>();
export function settingsOf(app: FastifyInstance): DeliberationSettings {
  let settings = settingsByApp.get(app);
  if (!settings) settingsByApp.set(app, (settings = deliberationSettings(app.ctx.config.publicUrl)));
  return settings;
}

export async function topicOr404(db: Db | Tx, topicId: string) {
  const topic = await db.selectFrom('topics').selectAll().where('id', '=', topicId).executeTakeFirst();
  if (!topic) throw errors.notFound('The topic', '该议题');
  return topic;
}

export async function motionOr404(db: Db | Tx, motionId: string) {
  const m = await db
    .selectFrom('motions as m')
    .innerJoin('topics as t', 't.id', 'm.topic_id')
    .selectAll('m')
    .select(['t.community', 't.site_id'])
    .where('m.id', '=', motionId)
    .executeTakeFirst();
  if (!m) throw errors.notFound('The motion', '该动议');
  return m;
}

/** How many residents support a proposal now (the answer of both support and withdrawal). */
export async function supportCount(db: Db | Tx, proposalId: string): Promise<number> {
  const row = await db.selectFrom('supports').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function proposalOr404(db: Db | Tx, proposalId: string) {
  const p = await db
    .selectFrom('proposals as p')
    .innerJoin('topics as t', 't.id', 'p.topic_id')
    .selectAll('p')
    .select(['t.site_id'])
    .where('p.id', '=', proposalId)
    .executeTakeFirst();
  if (!p) throw errors.notFound('The proposal', '该方案');
  return p;
}

export { eligibleHouseholds };

/** Today where the topic's site stands (its time zone), for "overdue". */
export async function todayForSite(db: Db | Tx, siteId: string | null, now: Date): Promise<string> {
  const site = siteId ? await db.selectFrom('sites').select('time_zone').where('id', '=', siteId).executeTakeFirst() : undefined;
  return todayIn(site?.time_zone, now);
}

/** Proposals with their support and visible-comment counts (one statement). */
export function proposalRows(db: Db | Tx) {
  return db
    .selectFrom('proposals as p')
    .select((eb) => [
      'p.id', 'p.topic_id', 'p.title_zh', 'p.title_en', 'p.body_zh', 'p.body_en', 'p.created_at', 'p.threshold', 'p.official_answer_zh', 'p.official_answer_en',
      eb.selectFrom('supports').whereRef('supports.proposal_id', '=', 'p.id').select((e) => e.fn.countAll<number>().as('n')).as('supports'),
      eb.selectFrom('comments').whereRef('comments.proposal_id', '=', 'p.id').where('comments.hidden', '=', 0).select((e) => e.fn.countAll<number>().as('n')).as('comments'),
    ]);
}
