import { NestFactory } from '@nestjs/core';
import fastify from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppOptions } from './app.module.js';
import { appValidationPipe } from './common/validation.js';
import { CSV_TYPE, XLSX_TYPE } from './piece-rates/catalog-spreadsheet.js';

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
  app.useGlobalPipes(appValidationPipe());
  // Spreadsheets arrive as raw bodies (catalog import), under the same size limit as JSON.
  for (const type of [XLSX_TYPE, CSV_TYPE])
    app
      .getHttpAdapter()
      .getInstance()
      .addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.enableShutdownHooks();

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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Collective wage negotiation engine (行业性工资集体协商)')
      .setDescription(
        'Industry-level collective wage negotiation rounds, from offer to signed agreement. Every change takes an Idempotency-Key header; errors are { code, message, details }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
