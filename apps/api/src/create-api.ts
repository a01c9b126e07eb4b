import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@isac/config';
import { consoleStatic } from '@isac/console';
import { JsonLogger, requestLogging } from '@isac/observability';
import { refuseNulInJsonBody, refuseNulInUrl } from '@isac/problems';
import { taxiiBodyLimit } from '@isac/taxii';
import { ApiModule } from './api.module.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Builds the API application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApi(config: AppConfig, logger = new JsonLogger(config.LOG_LEVEL, 'isac-api')): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { logger, abortOnError: false });
  app.disable('x-powered-by');
  app.use(app.get(MetricsService).requestMetrics());
  app.use(requestLogging(logger));
  app.use(refuseNulInUrl);
  // the web console: public static files at / and /console/*, with a strict Content-Security-Policy
  app.use(consoleStatic({ warn: (message) => logger.warn(message) }));
  // STIX bundles come as application/stix+json (STIX 2.1 §1.6.1) as well as application/json;
  // beyond MAX_BUNDLE_BYTES the parser answers 413 (REQUEST.TOO_LARGE) before anything is read.
  // TAXII 2.1 §4.2 max_content_length: envelopes beyond it are refused (413) as TAXII errors before they are read
  app.use('/taxii2', taxiiBodyLimit(config.TAXII_MAX_CONTENT_LENGTH));
  // Nest reserves `verify` for its rawBody option, which this app does not use: the option passes to body-parser as it is
  const jsonOptions = { limit: config.MAX_BUNDLE_BYTES, type: ['application/json', 'application/stix+json', 'application/*+json'], verify: refuseNulInJsonBody };
  app.useBodyParser('json', jsonOptions as NestExpressBodyParserOptionsFor<'json'>);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('isac-hub')
      .setDescription('Information sharing and incident coordination for the national network of critical sectors.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key: npm run cli -- keys create --org <slug> --roles <roles>' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
