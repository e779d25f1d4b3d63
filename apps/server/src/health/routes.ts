import * as api from '../http/api-schemas.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { instantCompare } from '../db/instant.js';
import type { Resource } from './fhir.js';
import { parseDateParam, searchBundle, RESIDENT_CARD_SYSTEM } from './fhir.js';
import { audit } from '../http/audit.js';
import { principalOf, requireToken } from '../http/auth.js';
import { ApiError, errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { shareRoutes } from './share.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const tags = ['health (FHIR R4)'];
const security = [{ bearer: [] }];
const BUNDLES = { Observation: api.observationBundle, Condition: api.conditionBundle, MedicationStatement: api.medicationStatementBundle, Immunization: api.immunizationBundle, Encounter: api.encounterBundle } as const;
const patientRef = { type: 'string', pattern: '^(Patient/)?[A-Za-z0-9.-]{1,64}$' };
const dateParam = { type: 'string', pattern: '^(eq|lt|le|gt|ge|sa|eb)?[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:.]{5,12}(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$' };

/** Entries per page when the client names no `_count`. */
export const PAGE_SIZE = 50;

/** The same search from `offset` on: every other parameter (repeated `date` too) kept as given. */
function pageLink(self: string, offset: number, count: number): string {
  const url = new URL(self);
  url.searchParams.set('_offset', String(offset));
  url.searchParams.set('_count', String(count));
  return url.toString();
}

function outcome(error: ApiError): Record<string, unknown> {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: error.statusCode === 404 ? 'not-found' : error.statusCode === 403 ? 'forbidden' : 'processing', diagnostics: error.en }],
    ...error.toBody(),
  };
}

const DATE_PARAM = { name: 'date', type: 'date', documentation: 'the resource\'s date (onset, occurrence, period start) with prefix eq|lt|le|gt|ge|sa|eb; give it twice for a range' };

/** The search parameters of every searchable resource, as `GET /fhir/metadata` declares them. */
const SEARCH_PARAMS: Record<string, { name: string; type: string; documentation: string }[]> = {
  Patient: [{ name: 'identifier', type: 'token', documentation: `The resident card number, optionally as ${RESIDENT_CARD_SYSTEM}|value; only the signed-in patient is found` }],
  Observation: [
    { name: 'patient', type: 'reference', documentation: 'Required: the signed-in patient (id or Patient/id)' },
    { name: 'code', type: 'token', documentation: 'LOINC codes, comma-separated (up to 10), optionally as http://loinc.org|code' },
    { name: 'date', type: 'date', documentation: 'effective date with prefix eq|lt|le|gt|ge|sa|eb; give it twice for a range' },
  ],
  Condition: [{ name: 'patient', type: 'reference', documentation: 'Required: the signed-in patient' }, DATE_PARAM],
  MedicationStatement: [{ name: 'patient', type: 'reference', documentation: 'Required: the signed-in patient' }, DATE_PARAM],
  Immunization: [{ name: 'patient', type: 'reference', documentation: 'Required: the signed-in patient' }, DATE_PARAM],
  Encounter: [{ name: 'patient', type: 'reference', documentation: 'Required: the signed-in patient' }, DATE_PARAM],
};

/** A minimal FHIR R4 CapabilityStatement describing exactly the routes below. */
export function capabilityStatement(base: string): Record<string, unknown> {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-27',
    publisher: 'civic-kiosk',
    kind: 'instance',
    software: { name: 'civic-kiosk data server' },
    implementation: { description: 'civic-kiosk FHIR R4 subset (read-only health records of the signed-in resident)', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          // The server answers CORS (preflights included) for the origins in CORS_ORIGINS, never with credentials.
          cors: true,
          description:
            'Authorization: Bearer <token> from POST /api/residents/signin with service "health"; a token reads only its own patient, and every read is audited. CORS: only origins in the server\'s CORS_ORIGINS allow-list get Access-Control-Allow-Origin; Access-Control-Allow-Credentials is never sent (no cookies: the caller sends the bearer token itself).',
        },
        resource: Object.entries(SEARCH_PARAMS).map(([type, searchParam]) => ({
          type,
          interaction: type === 'Patient' ? [{ code: 'read' }, { code: 'search-type' }] : [{ code: 'search-type' }],
          searchParam: [
            ...searchParam,
            ...(type === 'Patient' ? [] : [{ name: '_sort', type: 'special', documentation: 'date or -date (by effective date)' }]),
            { name: '_count', type: 'number', documentation: `entries per page (1-1000, default ${type === 'Patient' ? 'all' : PAGE_SIZE}); further pages via Bundle.link[next]` },
          ],
        })),
      },
    ],
  };
}

/**
 * A FHIR R4 REST subset. Every read needs a health token for exactly the
 * patient being read, and every read (allowed or not) goes to the audit log.
 */
export function healthRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  const patientOnly = requireToken('health');

  function base(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}/fhir`;
  }

  async function guard(request: FastifyRequest, patientId: string, action: string): Promise<void> {
    const who = principalOf(request);
    const allowed = who.pid === patientId;
    await audit(db, { at: app.ctx.now(), actor: `resident:${who.sub}`, action: allowed ? action : `${action}.denied`, subject: `Patient/${patientId}`, detail: { query: request.query } });
    if (!allowed) throw errors.forbidden();
  }


  app.register((fhir) => {
    // FHIR clients expect an OperationOutcome; the kiosk helper reads code/reasons: this body carries both.
    fhir.setErrorHandler((error, _request, reply) => {
      if (error instanceof ApiError) return reply.code(error.statusCode).type(FHIR_JSON).send(outcome(error));
      throw error;
    });

    fhir.get(
      '/fhir/metadata',
      {
        schema: {
          tags,
          summary: 'The FHIR R4 CapabilityStatement: the resources, interactions and search parameters served here (public, as FHIR clients ask for it first).',
          querystring: { type: 'object', additionalProperties: false, properties: { _format: { type: 'string', enum: ['json', 'application/json', 'application/fhir+json'] } } },
          response: { 200: { ...api.capabilityStatement, description: 'FHIR CapabilityStatement' } },
        },
      },
      async (request, reply) => reply.type(FHIR_JSON).send(capabilityStatement(base(request))),
    );

    fhir.get(
      '/fhir/Patient/:id',
      {
        preHandler: patientOnly,
        schema: { tags, security, summary: 'Read the signed-in patient.', params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: s.id } }, response: { 200: api.fhirPatient, ...errorResponses(401, 403, 404) } },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await guard(request, id, 'fhir.read.Patient');
        const row = await db.selectFrom('fhir_resources').select('resource').where('type', '=', 'Patient').where('id', '=', id).executeTakeFirst();
        if (!row) throw errors.notFound('The patient', '该患者');
        return reply.type(FHIR_JSON).send(row.resource);
      },
    );

    fhir.get(
      '/fhir/Patient',
      {
        preHandler: patientOnly,
        schema: {
          tags,
          security,
          summary: 'Search patients by identifier (system|value); only the signed-in patient can match.',
          querystring: { type: 'object', additionalProperties: false, required: ['identifier'], properties: { identifier: { type: 'string', pattern: '^([A-Za-z0-9:._/-]{1,128}\\|)?[A-Za-z0-9]{1,32}$' }, _count: { type: 'integer', minimum: 1, maximum: 1000 } } },
          response: { 200: api.patientBundle, ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const { identifier } = request.query as { identifier: string };
        const [system, value] = identifier.includes('|') ? identifier.split('|') : [RESIDENT_CARD_SYSTEM, identifier];
        const who = principalOf(request);
        const resident = system === RESIDENT_CARD_SYSTEM ? await db.selectFrom('residents').select(['patient_id']).where('card_number', '=', value ?? '').executeTakeFirst() : undefined;
        // Someone else's card answers exactly like an unknown one (an empty Bundle, same work done),
        // so the search cannot tell which cards exist; the attempt is logged as denied.
        const own = resident?.patient_id != null && resident.patient_id === who.pid;
        const denied = resident?.patient_id != null && !own;
        await audit(db, { at: app.ctx.now(), actor: `resident:${who.sub}`, action: denied ? 'fhir.search.Patient.denied' : 'fhir.search.Patient', subject: `Patient/${denied ? resident.patient_id : (who.pid ?? '')}`, detail: { identifier } });
        const rows = await db.selectFrom('fhir_resources').select('resource').where('type', '=', 'Patient').where('id', '=', own ? who.pid! : '').execute();
        return reply.type(FHIR_JSON).send(searchBundle(base(request), rows.map((r) => JSON.parse(r.resource) as Resource), `${base(request)}/Patient?identifier=${encodeURIComponent(identifier)}`));
      },
    );

    // Every search of a patient's resources: patient, date, _sort, _count (code too for Observation), paged by next links.
    for (const type of ['Observation', 'Condition', 'MedicationStatement', 'Immunization', 'Encounter'] as const) {
      fhir.get(
        `/fhir/${type}`,
        {
          preHandler: patientOnly,
          schema: {
            tags,
            security,
            summary: `${type} resources of the signed-in patient${type === 'Observation' ? ' by LOINC code' : ''} and date, sorted by date, ${PAGE_SIZE} a page unless _count says otherwise (follow link[next]).`,
            querystring: {
              type: 'object',
              additionalProperties: false,
              required: ['patient'],
              properties: {
                patient: patientRef,
                ...(type === 'Observation' ? { code: { type: 'string', pattern: '^(http://loinc\\.org\\|)?[0-9]{1,7}-[0-9](,(http://loinc\\.org\\|)?[0-9]{1,7}-[0-9]){0,9}$' } } : {}),
                date: { anyOf: [dateParam, { type: 'array', items: dateParam, maxItems: 2 }] },
                _sort: { type: 'string', enum: ['date', '-date'] },
                _count: { type: 'integer', minimum: 1, maximum: 1000 },
                _offset: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'where this page starts: set by the server in link[next]; clients follow the link' },
              },
            },
            response: { 200: BUNDLES[type], ...errorResponses(401, 403) },
          },
        },
        async (request, reply) => {
          const q = request.query as { patient: string; code?: string; date?: string | string[]; _sort?: 'date' | '-date'; _count?: number; _offset?: number };
          const patientId = q.patient.replace(/^Patient\//, '');
          await guard(request, patientId, `fhir.search.${type}`);
          let query = db.selectFrom('fhir_resources').where('type', '=', type).where('patient_id', '=', patientId);
          if (q.code) {
            const codes = q.code.split(',').map((c) => c.replace(/^http:\/\/loinc\.org\|/, ''));
            query = query.where('code', 'in', codes);
          }
          for (const d of q.date === undefined ? [] : Array.isArray(q.date) ? q.date : [q.date]) {
            const bounds = parseDateParam(d);
            if (!bounds) throw errors.validation(`date "${d}" is not a FHIR date search value`, 'date');
            for (const b of bounds) query = query.where(instantCompare(app.ctx.store.dialect, 'effective', b.op, b.value));
          }
          // count() is a string on PostgreSQL: Number() either way.
          const { n } = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          const total = Number(n);
          const count = q._count ?? PAGE_SIZE;
          const offset = q._offset ?? 0;
          const rows = await query
            .select('resource')
            .orderBy('effective', q._sort === '-date' ? 'desc' : 'asc')
            .orderBy('id')
            .limit(count)
            .offset(offset)
            .execute();
          const self = `${base(request)}${request.url.slice('/fhir'.length)}`;
          const next = offset + rows.length < total ? pageLink(self, offset + rows.length, count) : undefined;
          return reply.type(FHIR_JSON).send(searchBundle(base(request), rows.map((r) => JSON.parse(r.resource) as Resource), self, total, next));
        },
      );
    }
    shareRoutes(fhir);
    return Promise.resolve();
  });
}
