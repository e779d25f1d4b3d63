import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

interface Mapped {
  status: number;
  code: string;
  en: string;
  zh: string;
  extra?: Record<string, unknown>;
}

const PARTS_ZH: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function fromFastify(error: FastifyError & { validationContext?: string }): Mapped {
  if (error.validation) {
    const first = error.validation[0];
    const part = error.validationContext ?? 'body';
    const params: Record<string, unknown> = first?.params ?? {};
    const field =
      typeof params.additionalProperty === 'string'
        ? `${first?.instancePath ?? ''}/${params.additionalProperty}`
        : typeof params.missingProperty === 'string'
          ? `${first?.instancePath ?? ''}/${params.missingProperty}`
          : (first?.instancePath ?? '');
    const what = first?.keyword === 'additionalProperties' ? 'unknown field' : first?.keyword === 'required' ? 'missing field' : (first?.message ?? 'invalid');
    const whatZh = first?.keyword === 'additionalProperties' ? '不认识的字段' : first?.keyword === 'required' ? '缺少必填字段' : '格式或取值不正确';
    const where = field || '(root)';
    return {
      status: 400,
      code: 'VALIDATION',
      en: `The ${part} is invalid: ${where}: ${what}.`,
      zh: `${PARTS_ZH[part] ?? part}有误：${where}：${whatZh}。`,
      extra: { part, field: where, rule: first?.keyword },
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The request body is larger than 64 kB.', zh: '请求内容超过 64 kB。' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', en: 'Send the body as application/json.', zh: '请求内容必须是 application/json。' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'MALFORMED_JSON', en: 'The request body is not valid JSON.', zh: '请求内容不是有效的 JSON。' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'BAD_REQUEST', en: 'The Content-Length does not match the body.', zh: 'Content-Length 与请求内容不符。' };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: 'RATE_LIMITED', en: 'Too many requests from this kiosk. Please wait a moment.', zh: '本终端请求过于频繁，请稍候再试。' };
  if (status === 400 && error instanceof SyntaxError) return { status, code: 'MALFORMED_JSON', en: 'The request body is not valid JSON.', zh: '请求内容不是有效的 JSON。' };
  if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', en: 'The request cannot be processed.', zh: '无法处理该请求。' };
  return { status: 500, code: 'INTERNAL', en: 'The server had a problem. Please try again later.', zh: '服务器出现问题，请稍后再试。' };
}

/** Every error becomes `{ code, message, reasons: { zh-CN, en } }`: the shape the kiosk's HTTP helper reads. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      // A lock (423) and a wait or throttle (429: PIN_WAIT, DEVICE_THROTTLED) say when to try again, in the header too.
      if ((error.statusCode === 423 || error.statusCode === 429) && typeof error.extra.retryAfterSeconds === 'number') reply.header('Retry-After', String(error.extra.retryAfterSeconds));
      return reply.code(error.statusCode).send(error.toBody());
    }
    const m = fromFastify(error);
    if (m.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return reply.code(m.status).send({ code: m.code, message: m.en, reasons: { 'zh-CN': m.zh, en: m.en }, ...m.extra });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new ApiError(404, 'NOT_FOUND', `No such address: ${request.method} ${request.url.split('?')[0]}.`, '没有这个地址。').toBody()),
  );
}
