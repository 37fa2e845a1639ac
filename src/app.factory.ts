import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import fastify from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiError, Page, REVISION_DESCRIPTION, completeContract } from './common/api-contract.js';
import { AppModule, type AppOptions } from './app.module.js';
import { API_PREFIX } from './common/api-prefix.js';
import { DomainError } from './common/domain-error.js';
import { domainErrorReply } from './common/error.filter.js';
import { checkInput, checkMediaType, checkQuery } from './common/input-guard.js';
import { appValidationPipe } from './common/validation.js';
import { CSV_TYPE, XLSX_TYPE } from './piece-rates/spreadsheet-upload.js';
import { serveConsole } from './console/serve-console.js';

const NEGOTIATION_ID = /\/negotiations\/([0-9a-f-]{36})/;

// Fastify takes a hop count at run time but its types do not; a function says the same.
const trustProxyOption = (t: boolean | number | string) =>
  typeof t === 'number' ? (_address: string, hop: number) => hop < t : t;

// Builds the application exactly as production runs it; tests use this too, so they exercise the
// real pipes, guard, filter and body limits.
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const { logger, config } = options;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new fastify.LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // request.ip (the login throttle's client address) from X-Forwarded-For only behind a proxy.
    trustProxy: trustProxyOption(config.trustProxy),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    adapter,
    { logger: ['error', 'warn'], abortOnError: false },
  );
  // Every route under /api (ADR 0021): the console owns / and its client-side routes, so a reload of
  // a console page never reaches a route of the API, and one proxy rule serves both.
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(appValidationPipe());
  // Security headers for a JSON API that also serves Swagger UI at /api/docs (its own scripts, inline
  // styles, data: images) and later a console at /: nothing from other origins, never framed. TLS ends
  // at the reverse proxy, so upgrade-insecure-requests would break plain-HTTP local use.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
  });
  // Spreadsheets arrive as the unread request stream: the handler admits the caller first and only
  // then reads, under its own limit (ADR 0016).
  const instance = app.getHttpAdapter().getInstance();
  for (const type of [XLSX_TYPE, CSV_TYPE])
    instance.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  // A refusal sent before the body was read (or while it was too large) closes the connection, so
  // the rest of the body is discarded by Node and never held, however long the client keeps sending.
  instance.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete) reply.header('connection', 'close');
  });
  // No enableShutdownHooks: main.ts owns SIGTERM/SIGINT, because Nest's handler re-raises the signal
  // and kills the process before the embedded database is closed and its lock released.

  // Before any guard, pipe or query: text PostgreSQL cannot store, nesting that would overflow
  // class-transformer, prototype-shaped keys (issue 8). Iterative, so it cannot overflow itself.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (req, reply) => {
      try {
        checkMediaType(req.headers['content-type'], req.body);
        checkInput(req.params, 'path');
        checkQuery(req.query);
        checkInput(req.body, 'body');
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const { status, body } = domainErrorReply(e);
        return reply.status(status).send(body);
      }
    });

  // An authenticated answer carries what that caller may see (positions, notes, tables): no shared or
  // browser cache may keep it. Routes that set their own Cache-Control keep it.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (req, reply) => {
      if (req.headers.authorization !== undefined && !reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store');
    });

  // One structured line per request, with the negotiation id when the path names one.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (req, reply) => {
      logger.info(
        {
          reqId: req.id,
          method: req.method,
          url: req.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
          negotiationId: NEGOTIATION_ID.exec(req.url)?.[1],
        },
        'request',
      );
    });

  // The contract itself, always: the console builds its event forms from the payload schemas it
  // names (a new event or industry needs no console code), and any client may check what it talks to.
  // Built on first request, not at every start.
  let contract: unknown;
  instance.get(`/${API_PREFIX}/openapi.json`, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').send((contract ??= openApiDocument(app))),
  );
  if (options.consoleDir) await serveConsole(instance, options.consoleDir);

  if (config.apiDocs)
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApiDocument(app), {
      jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    });
  await app.init();
  return app;
}

// The OpenAPI description of every route, built from the controllers and DTOs (the fuzz suite builds
// its requests from it too).
export function openApiDocument(app: NestFastifyApplication) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Collective wage negotiation engine (行业性工资集体协商)')
      .setDescription(API_DESCRIPTION)
      .setVersion('2')
      // The paths carry the prefix (/api/...), so the server is the origin itself: server url + path
      // is the route, with /api exactly once.
      .addServer('/')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiError, Page] },
  );
  return completeContract(document);
}

const API_DESCRIPTION = [
  'Industry-level collective wage negotiation rounds, from offer to signed agreement. Conventions (docs/api.md):',
  '',
  '- **Errors**: every 4xx and 5xx answers an `ApiError` `{ code, message, details }`; decide on `code`.',
  '- **Lists**: `{ items, page: { limit, next } }`; send `page.next` back as the list’s cursor parameter (`afterSeq`, `offset`) until it is null.',
  '- **Changes**: every POST, PUT and DELETE takes an `Idempotency-Key` header. A retry with the same key and request answers the first outcome again (header `Idempotent-Replayed: true`) and changes nothing twice.',
  `- **Revisions**: ${REVISION_DESCRIPTION}`,
  '- **Events**: `POST /api/negotiations/{id}/events` takes one of the event schemas, told apart by `type`; the history returns recorded events the same way.',
  '- **Files**: spreadsheet uploads are the raw body with Content-Type XLSX or text/csv; downloads answer the same types.',
].join('\n');
