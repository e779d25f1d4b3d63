import type { FastifyRequest } from 'fastify';

/**
 * Whether a request is for the API (or FHIR), decided on the route pattern
 * the router matched, never on the raw URL: `/%61pi/stations` is routed to
 * `/api/stations` and must be treated like it. A request no route matched
 * (a 404, however its path is spelled) counts as API too, so probing odd
 * spellings is throttled and never cached. Only the pages and static files
 * (GET/HEAD on non-API patterns) are exempt.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return true;
  if (pattern.startsWith('/api/') || pattern.startsWith('/fhir/')) return true;
  return !(request.method === 'GET' || request.method === 'HEAD');
}
