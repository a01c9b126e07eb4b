import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PRINCIPAL_RESOLVER } from '@isac/auth';
import type { AppConfig } from '@isac/config';
import { consoleStatic } from '@isac/console';
import { HubLogger, requestLogging } from '@isac/observability';
import { describeErrorCodes, refuseNulInUrl } from '@isac/problems';
import { taxiiBodyLimit } from '@isac/taxii';
import { ApiModule } from './api.module.js';
import { jsonBodies } from './json-bodies.js';
import { MetricsService } from './metrics/metrics.service.js';
import { securityHeaders } from './security-headers.js';

/** Builds the API application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApi(config: AppConfig, logger = new HubLogger(config.LOG_LEVEL, 'isac-api')): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { logger, abortOnError: false });
  app.disable('x-powered-by');
  // every answer is `Cache-Control: no-store` (securityHeaders): no cache keeps a copy to revalidate, and
  // Express would hash each body (SHA-1) for an ETag nothing uses. The console's files set their own.
  app.disable('etag');
  app.use(app.get(MetricsService).requestMetrics());
  app.use(requestLogging(logger));
  app.use(securityHeaders());
  app.use(refuseNulInUrl);
  // the web console: public static files at / and /console/*, with a strict Content-Security-Policy
  app.use(consoleStatic({ warn: (message) => logger.warn(message) }));
  // TAXII 2.1 §4.2 max_content_length: envelopes beyond it are refused (413) as TAXII errors before they are read
  app.use('/taxii2', taxiiBodyLimit(config.TAXII_MAX_CONTENT_LENGTH));
  // beyond its limit (MAX_JSON_BYTES, or MAX_BUNDLE_BYTES for a bundle with a valid key) the parser answers 413 (REQUEST.TOO_LARGE) before anything is read
  app.use(jsonBodies(config, app.get(PRINCIPAL_RESOLVER)));
  app.enableShutdownHooks();
  const document = describeErrorCodes(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('isac-hub')
        .setDescription(
          'Information sharing and incident coordination for the national network of critical sectors. ' +
            'Errors are application/problem+json (RFC 9457) with a stable `code`; every code and its status is listed on ProblemSchema.code (x-error-codes). ' +
            'TAXII 2.1 is served under /taxii2/ and follows the TAXII 2.1 specification; it is not described here.',
        )
        .setVersion('1')
        .addBearerAuth({
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'isac API key',
          description: 'an API key: npm run cli -- keys create --org <slug> --roles <roles>',
        })
        .addBasicAuth({
          type: 'http',
          scheme: 'basic',
          description: 'the same API key as the password, any user name (for clients that only speak basic auth)',
        })
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
