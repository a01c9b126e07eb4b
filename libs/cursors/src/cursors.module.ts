import { Module } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { CursorSeal } from './cursor-seal.js';

/** Provides the CursorSeal under CURSOR_SECRET_KEY (ConfigModule, global, comes from the app). */
@Module({
  providers: [{ provide: CursorSeal, useFactory: (config: AppConfig) => new CursorSeal(Buffer.from(config.CURSOR_SECRET_KEY, 'base64')), inject: [AppConfig] }],
  exports: [CursorSeal],
})
export class CursorsModule {}
