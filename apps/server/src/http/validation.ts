import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

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
  error: {
    type: 'object',
    required: ['code', 'message', 'reasons'],
    properties: {
      code: { type: 'string' },
      message: { type: 'string' },
      reasons: {
        type: 'object',
        properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
      },
    },
    additionalProperties: true,
  },
} as const;

/** The standard error responses each route documents in the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of [400, ...statuses]) out[status] = s.error;
  return out;
}
