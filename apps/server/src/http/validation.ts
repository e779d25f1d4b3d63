import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { ApiError } from './errors.js';

// Both packages are CommonJS with a default export; under NodeNext the namespace object wraps it.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    // Unknown fields must be refused, not silently dropped: schemas say additionalProperties:false.
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and must carry the right types; params and query strings are text and are coerced.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object);
};

/** Reusable schema fragments. */
export const s = {
  id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
  cardNumber: { type: 'string', pattern: '^[A-Za-z0-9]{4,20}$' },
  pin: { type: 'string', pattern: '^[0-9]{4,8}$' },
  barcode: { type: 'string', pattern: '^[A-Za-z0-9]{4,32}$' },
  isoDateTime: { type: 'string', format: 'date-time' },
  /**
   * Every refusal: code, message and both reasons, plus the extras some codes carry. Listed one by
   * one (a new extra must be added here, or it is not sent: the test suite checks every answer).
   */
  error: {
    type: 'object',
    required: ['code', 'message', 'reasons'],
    properties: {
      code: { type: 'string', description: 'machine-readable, e.g. VALIDATION, DEVICE_UNKNOWN, PIN_LOCKED, OVERDUE' },
      message: { type: 'string', description: 'the English reason' },
      reasons: { type: 'object', additionalProperties: false, required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
      retryAfterSeconds: { type: 'integer', description: 'RATE_LIMITED, PIN_LOCKED: when to try again' },
      part: { type: 'string', description: 'VALIDATION: body, querystring, params or headers' },
      field: { type: 'string', description: 'VALIDATION: the field at fault (JSON pointer)' },
      rule: { type: 'string', description: 'VALIDATION: the JSON Schema keyword that failed' },
      attemptsLeft: { type: 'integer', description: 'WRONG_PIN: attempts before the lock' },
      lockedUntil: { type: 'string', format: 'date-time', description: 'PIN_LOCKED' },
      opensAt: { type: 'string', description: 'MOTION_NOT_OPEN' },
      closesAt: { type: 'string', description: 'MOTION_CLOSED' },
      counted: { type: 'boolean', description: 'receipt check: false' },
      expiresOn: { type: 'string', description: 'CARD_EXPIRED' },
      overdue: { type: 'integer', description: 'OVERDUE: how many loans' },
      finesCents: { type: 'integer', description: 'FINE_LIMIT' },
      limitCents: { type: 'integer', description: 'FINE_LIMIT' },
      limit: { type: 'integer', description: 'LOAN_LIMIT, RENEW_LIMIT' },
      details: { type: 'array', items: { type: 'string' }, description: 'further explanations, if any' },
      resourceType: { type: 'string', enum: ['OperationOutcome'], description: 'FHIR routes: the refusal is also an OperationOutcome' },
      issue: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['severity', 'code'], properties: { severity: { type: 'string' }, code: { type: 'string' }, diagnostics: { type: 'string' } } },
      },
    },
    additionalProperties: false,
  },
} as const;

/** The standard error responses each route documents in the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of [400, ...statuses]) out[status] = s.error;
  return out;
}

const responseAjv = makeAjv(false);
const responseValidators = new WeakMap<object, ReturnType<typeof responseAjv.compile>>();

/** See BuildOptions.validateResponses (tests only: it costs a validation per answer). */
export function registerResponseValidation(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schemas = request.routeOptions.schema?.response as Record<string, object> | undefined;
    const schema = schemas?.[String(reply.statusCode)];
    if (!schema || reply.statusCode >= 500) return payload;
    let validate = responseValidators.get(schema);
    if (!validate) {
      validate = responseAjv.compile(schema);
      responseValidators.set(schema, validate);
    }
    if (!validate(JSON.parse(JSON.stringify(payload)))) {
      const why = `${request.method} ${request.routeOptions.url} ${reply.statusCode}: ${responseAjv.errorsText(validate.errors)}`;
      throw new ApiError(500, 'RESPONSE_SCHEMA', `The answer does not fit its schema: ${why}`, `响应不符合其模式：${why}`);
    }
    return payload;
  });
}
