import { readFile } from 'node:fs/promises';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { regimeForSector, type ReportingRegime } from './reporting-clocks.js';
import { parseReportingRegimes } from './reporting-regimes.js';

/** The reporting regime of each sector, from the network file (read once at boot; a bad value stops the boot). */
@Injectable()
export class RegimeDirectory implements OnModuleInit {
  private configured: Record<string, ReportingRegime> = {};

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.configured = parseReportingRegimes(await readFile(this.config.NETWORK_FILE, 'utf8'));
  }

  regimeOf(sector: string | null): ReportingRegime {
    return regimeForSector(sector, this.configured);
  }
}
