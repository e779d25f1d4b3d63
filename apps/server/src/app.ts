import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { ServerConfig } from './config.js';
import type { AppContext } from './context.js';
import type { DataStore } from './db/database.js';
import { deliberationRoutes } from './deliberation/routes.js';
import { healthRoutes } from './health/routes.js';
import { registerCors } from './http/cors.js';
import { registerErrorHandling } from './http/error-handler.js';
import { scheduleIdempotencySweep } from './http/idempotency.js';
import { registerRateLimit } from './http/rate-limit.js';
import { registerSecurityHeaders } from './http/security.js';
import { serveStaticApp } from './http/static-files.js';
import { registerResponseValidation, validatorCompiler } from './http/validation.js';
import { identityRoutes } from './identity/routes.js';
import { keyringFor } from './identity/keyring-config.js';
import { registerRequestContext } from './http/request-context.js';
import { staffRoutes } from './staff/routes.js';
import { fleetRoutes } from './kiosk/fleet-routes.js';
import { kioskRoutes } from './kiosk/routes.js';
import { libraryRoutes } from './library/routes.js';
import { stationRoutes } from './stations/routes.js';

export interface BuildOptions {
  store: DataStore;
  config: ServerConfig;
  /** A clock the tests can move (lockouts, overdue loans, motion deadlines). */
  now?: () => Date;
  logger?: boolean;
  /**
   * Tests: check every answer against its route's response schema before it is
   * serialized, and fail the request (500 RESPONSE_SCHEMA) when it does not fit,
   * so a schema can never silently drop or mangle a field.
   */
  validateResponses?: boolean;
}

const PLACEHOLDER = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>civic-kiosk server</title></head>
<body><h1>civic-kiosk 数据服务 / data server</h1>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a></p>
<p>尚未构建自助终端应用。No kiosk app to serve yet: build it (<code>pnpm build</code> in apps/kiosk) and set <code>STATIC_DIR</code> to its output directory.</p>
<p>组件工作台（Storybook）由运行命令（在仓库根目录执行 <code>pnpm start</code>）提供，地址为 <a href="http://localhost:6006">http://localhost:6006</a>。The component workshop (Storybook) is served by the run command (<code>pnpm start</code> at the repository root) at <a href="http://localhost:6006">http://localhost:6006</a>.</p>
</body></html>`;

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const app = Fastify({
    logger: options.logger ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-device-key"]'] } : false,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    // Router-level refusals (a malformed %-escape, an over-long path segment) get the same error body as the rest.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const en = tooLong ? 'A part of the address is too long.' : 'The address is malformed.';
      const zh = tooLong ? '地址中的某一部分过长。' : '地址格式不正确。';
      // Sent before any hook runs, so the no-store of every other API answer is set here.
      void (reply as { header(k: string, v: string): { code(n: number): { send(b: unknown): unknown } } }).header('Cache-Control', 'no-store').code(tooLong ? 414 : 400).send({ code: tooLong ? 'URI_TOO_LONG' : 'BAD_URL', message: en, reasons: { 'zh-CN': zh, en } });
    },
  });
  const keys = keyringFor(config);
  const ctx: AppContext = { store, config, keys, now: options.now ?? (() => new Date()) };
  app.decorate('ctx', ctx);
  app.decorateRequest('principal', null);
  app.decorateRequest('device', null);
  app.setValidatorCompiler(validatorCompiler);
  registerRequestContext(app);
  // A route that takes no query string refuses one: unknown fields are errors everywhere, not silently ignored.
  app.addHook('onRoute', (route) => {
    if (!(route.url.startsWith('/api/') || route.url.startsWith('/fhir/'))) return;
    route.schema = { ...route.schema };
    route.schema.querystring ??= { type: 'object', additionalProperties: false, properties: {} };
  });
  registerErrorHandling(app);
  if (options.validateResponses) registerResponseValidation(app);
  registerSecurityHeaders(app, config.frameAncestors);
  // Per-device limits on the API only (decided on the route pattern): static files and the home page are never
  // throttled. Registered before every route, the preflight and OpenAPI routes included.
  await registerRateLimit(app, ctx);
  registerCors(app, config.corsOrigins);
  scheduleIdempotencySweep(app);

  await app.register(swagger, {
    openapi: {
      // 3.1: its Schema Object is JSON Schema 2020-12, the dialect the routes are written in (numeric exclusiveMinimum, type arrays with null).
      openapi: '3.1.0',
      info: { title: 'civic-kiosk data server', version: '0.0.0', description: 'Stations, parking deliberation, FHIR R4 health records, library and kiosk fleet APIs. Errors: { code, message, reasons: { zh-CN, en } }.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Short-lived token for one person and one service' },
          deviceKey: { type: 'apiKey', in: 'header', name: 'X-Device-Key' },
        },
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return app.swagger();
  });

  identityRoutes(app);
  staffRoutes(app);
  stationRoutes(app);
  deliberationRoutes(app);
  healthRoutes(app);
  libraryRoutes(app);
  kioskRoutes(app);
  fleetRoutes(app);

  if (config.staticDir && fs.existsSync(config.staticDir)) {
    await serveStaticApp(app, config.staticDir);
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER));
  }
  return app;
}
