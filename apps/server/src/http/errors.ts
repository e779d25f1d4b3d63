/**
 * Every refusal the server makes: a status, a machine-readable code and the
 * reason in both languages the kiosk speaks. The body shape is what
 * `@civic-kiosk/core`'s HTTP helper reads.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly en: string,
    readonly zh: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
  }

  toBody(): ErrorResponse {
    return { code: this.code, message: this.en, reasons: { 'zh-CN': this.zh, en: this.en }, ...this.extra };
  }
}

export interface ErrorResponse {
  code: string;
  message: string;
  reasons: { 'zh-CN': string; en: string };
  [extra: string]: unknown;
}

export const errors = {
  notFound: (what: string, whatZh: string) => new ApiError(404, 'NOT_FOUND', `${what} was not found.`, `未找到${whatZh}。`),
  validation: (detail: string, field?: string) =>
    new ApiError(400, 'VALIDATION', `The request is invalid: ${detail}.`, `请求内容有误：${detail}。`, field ? { field } : {}),
  unauthorized: () => new ApiError(401, 'UNAUTHORIZED', 'Please sign in again.', '请重新登录。'),
  forbidden: () => new ApiError(403, 'FORBIDDEN', 'This record belongs to someone else.', '无权查看他人的记录。'),
  idempotencyKeyRequired: () =>
    new ApiError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'Every change needs an Idempotency-Key header (8 to 128 letters, digits, "-" or "_").',
      '每次提交都需要 Idempotency-Key 请求头（8 到 128 个字母、数字、“-”或“_”）。',
    ),
  idempotencyMismatch: () =>
    new ApiError(
      422,
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used for a different request.',
      '该幂等键已用于另一个不同的请求。',
    ),
  conflictInFlight: () =>
    new ApiError(409, 'IN_PROGRESS', 'The same request is still being processed. Please retry.', '相同的请求正在处理中，请稍后重试。'),
};
