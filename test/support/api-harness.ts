import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { HubLogger } from '@isac/observability';
import { ApiKeysService, NetworkSeeder } from '@isac/organisations';
import { createApi } from '../../apps/api/src/create-api.js';
import { createTestEnv, type TestEnv } from './test-env.js';

export interface ApiHarness {
  env: TestEnv;
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  /** a new key of the organisation with the roles, as the CLI makes them */
  key(org: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

/** The API as it runs (same factory as main.ts) on the suite's own database, with the network seeded. */
export async function startApi(options: { env?: Record<string, string>; logger?: HubLogger } = {}): Promise<ApiHarness> {
  const env = await createTestEnv({ env: options.env });
  const app = await createApi(env.config, options.logger ?? new HubLogger(env.config.LOG_LEVEL, 'isac-api-test'));
  await app.init();
  await app.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  const keys = app.get(ApiKeysService);
  return {
    env,
    app,
    http: request(app.getHttpServer()),
    key: async (org, roles) => (await keys.create(org, roles)).key,
    close: async () => {
      await app.close();
      await env.dispose();
    },
  };
}
