import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../http/audit.js';
import { principalOf, requireToken } from '../http/auth.js';
import { deviceIdOf } from '../http/device-id.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/validation.js';
import type { Resource } from './fhir.js';
import { plainSummaryHtml } from './summary-page.js';

/** A "take it with you" link lives this long and opens once. */
export const SHARE_TTL_MS = 10 * 60_000;
export type TakeAway = 'print' | 'qr' | 'none';

const tags = ['health (FHIR R4)'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const shareErrors = {
  notOffered: (mode: TakeAway) =>
    new ApiError(409, 'TAKE_AWAY_NOT_OFFERED', `This kiosk does not hand out links (it offers: ${mode}).`, `本机不提供二维码链接（本机提供：${mode === 'print' ? '打印' : '无'}）。`),
};

/** The site's "take it with you" setting; a site without a row offers a QR code. */
export async function takeAwayOf(db: FastifyInstance['ctx']['store']['db'], siteId: string | undefined): Promise<TakeAway> {
  if (!siteId) return 'qr';
  const row = await db.selectFrom('health_site_settings').select('take_away').where('site_id', '=', siteId).executeTakeFirst();
  return row?.take_away ?? 'qr';
}

/**
 * "Take it with you": a single-use link to the plain summary that expires in
 * 10 minutes. Made only for the signed-in patient, only after the visitor
 * confirmed (the body says so), only where the site offers QR codes; opening
 * it burns it; both are audited.
 */
export function shareRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;

  app.post(
    '/api/health/take-away',
    {
      preHandler: requireToken('health'),
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Make a single-use link (10 minutes) to the signed-in patient\'s plain summary, for a QR code; the visitor must have confirmed.',
        body: { type: 'object', additionalProperties: false, required: ['confirmed'], properties: { confirmed: { type: 'boolean', const: true, description: 'the visitor tapped "yes, show a code for my phone"' } } },
        response: {
          201: {
            type: 'object',
            additionalProperties: false,
            required: ['url', 'expiresAt'],
            properties: { url: { type: 'string', description: 'opens once; shows the summary; no-store' }, expiresAt: { type: 'string', format: 'date-time' } },
          },
          ...errorResponses(401, 409),
        },
      },
    },
    async (request: FastifyRequest, reply) => {
      const who = principalOf(request);
      const device = request.device ?? null;
      const mode = await takeAwayOf(db, device?.siteId);
      if (mode !== 'qr') throw shareErrors.notOffered(mode);
      const code = randomBytes(24).toString('base64url');
      const now = app.ctx.now().getTime();
      await db
        .insertInto('health_share_links')
        .values({ code_hash: sha256(code), patient_id: who.pid ?? '', resident_id: who.sub, device_id: deviceIdOf(request), created_ms: now, expires_ms: now + SHARE_TTL_MS, used_ms: null })
        .execute();
      await audit(db, { at: app.ctx.now(), actor: `resident:${who.sub}`, action: 'health.take-away.create', subject: `Patient/${who.pid ?? ''}`, detail: { expiresMs: now + SHARE_TTL_MS } });
      return reply.code(201).send({ url: `${app.ctx.config.publicUrl}/health/take-away/${code}`, expiresAt: new Date(now + SHARE_TTL_MS).toISOString() });
    },
  );

  app.get(
    '/health/take-away/:code',
    {
      schema: {
        tags,
        summary: 'The plain summary behind a "take it with you" link, as an HTML page, once; afterwards (or after 10 minutes) 410.',
        params: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' } } },
        // A page for a phone's browser, not an API answer (the OpenAPI document lists JSON APIs only): documented in the README.
        hide: true,
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const now = app.ctx.now().getTime();
      // One UPDATE both checks and burns the link, so two phones racing get one page between them.
      const burnt = await db
        .updateTable('health_share_links')
        .set({ used_ms: now })
        .where('code_hash', '=', sha256(code))
        .where('used_ms', 'is', null)
        .where('expires_ms', '>', now)
        .returning(['patient_id', 'resident_id'])
        .executeTakeFirst();
      reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').type('text/html; charset=utf-8');
      if (!burnt) {
        await audit(db, { at: app.ctx.now(), actor: 'anonymous', action: 'health.take-away.refused', subject: 'link', detail: {} });
        return reply.code(410).send(goneHtml());
      }
      const rows = await db.selectFrom('fhir_resources').select('resource').where('patient_id', '=', burnt.patient_id).execute();
      await audit(db, { at: app.ctx.now(), actor: `resident:${burnt.resident_id}`, action: 'health.take-away.view', subject: `Patient/${burnt.patient_id}`, detail: {} });
      return reply.send(plainSummaryHtml(rows.map((r) => JSON.parse(r.resource) as Resource), app.ctx.now()));
    },
  );
}

function goneHtml(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>链接已失效 Link expired</title></head>
<body><h1>此链接已使用或已过期</h1><p>为保护您的隐私，健康摘要链接只能打开一次，并在 10 分钟后失效。请回到服务机重新获取。</p>
<h1 lang="en">This link was used or has expired</h1><p lang="en">To protect your privacy a summary link opens once and expires after 10 minutes. Please get a new one at the kiosk.</p></body></html>`;
}
