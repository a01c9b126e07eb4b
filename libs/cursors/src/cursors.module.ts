import { Module } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { CursorSeal } from './cursor-seal.js';
import { PageCursors } from './page-cursors.js';

/** Provides the CursorSeal under CURSOR_SECRET_KEY (ConfigModule, global, comes from the app) and the REST lists' codec on it. */
@Module({
  providers: [
    { provide: CursorSeal, useFactory: (config: AppConfig) => new CursorSeal(Buffer.from(config.CURSOR_SECRET_KEY, 'base64')), inject: [AppConfig] },
    PageCursors,
  ],
  exports: [CursorSeal, PageCursors],
})
export class CursorsModule {}
