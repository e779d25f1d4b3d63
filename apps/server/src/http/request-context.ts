import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deviceIdOf } from './device-id.js';

/**
 * What code deep below a route needs to know about the request without being
 * handed it: the device, for the audit log and for sign-in counters. Set once
 * per request, before anything else runs (as @fastify/request-context does).
 * It holds the request, not its device id: the credential is validated later
 * (rate limiter, `requireDevice`), and the audit line must name that device.
 */
interface RequestContext {
  request: FastifyRequest;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    storage.run({ request }, done);
  });
}

/** The device of the request being served, or `null` outside a request (CLI, seed, migrations). */
export function currentDeviceId(): string | null {
  const store = storage.getStore();
  return store ? deviceIdOf(store.request) : null;
}
