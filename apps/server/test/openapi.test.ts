import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { API_TYPES_FILE, apiTypesSource, openApiDocument } from '../scripts/api-types.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/** Every place a schema says "any further properties are fine". */
function openBags(value: unknown, where: string, out: string[]): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => openBags(v, `${where}/${i}`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.additionalProperties === true) out.push(where);
    if (o.type === 'object' && !o.properties && !o.additionalProperties && !o.oneOf && !o.anyOf) out.push(`${where} (no properties)`);
    for (const [k, v] of Object.entries(o)) openBags(v, `${where}/${k}`, out);
  }
  return out;
}

describe('OpenAPI document', () => {
  it('passes a standard OpenAPI validator (@apidevtools/swagger-parser) as OpenAPI 3.1', async () => {
    const doc = await openApiDocument();
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  it('gives every route a real JSON Schema for each answer (no open "additionalProperties: true" bags)', async () => {
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, Operation>> };
    const problems: string[] = [];
    let operations = 0;
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.responses) continue;
        operations += 1;
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        if (!ok.length) problems.push(`${method} ${p}: no 2xx answer`);
        for (const [status, res] of Object.entries(op.responses)) {
          const schema = res.content?.['application/json']?.schema;
          if (!schema) {
            if (status !== '304' && status !== '204') problems.push(`${method} ${p} ${status}: no schema`);
            continue;
          }
          openBags(schema, `${method} ${p} ${status}`, problems);
        }
      }
    }
    assert.ok(operations >= 35, `${operations} operations`);
    assert.deepEqual(problems, []);
  });

  it('matches the committed TypeScript types in @civic-kiosk/core (regenerate with generate:api-types)', { timeout: 60_000 }, async () => {
    const fresh = await apiTypesSource();
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    assert.ok(fresh === committed, 'packages/core/src/generated/api-types.ts is stale: run `pnpm --filter @civic-kiosk/server generate:api-types`');
    assert.match(committed, /"\/api\/kiosk\/site": \{/);
  });
});
