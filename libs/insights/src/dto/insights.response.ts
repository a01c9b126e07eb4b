// What GET /api/v1/insights answers (insights.ts), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class SectorWeekCounts {
  @ApiProperty() sector: string;
  @ApiProperty({ type: [Number] }) counts: number[];
}

export class IncidentsPerWeekResponse {
  @ApiProperty({ type: [String], description: 'Monday 00:00 UTC of each week, oldest first' }) weeks: string[];
  @ApiProperty({ type: [SectorWeekCounts] }) sectors: SectorWeekCounts[];
}

export class AdherenceResponse {
  @ApiProperty() clock: string;
  @ApiProperty() met: number;
  @ApiProperty() late: number;
  @ApiProperty() overdue: number;
  @ApiProperty() open: number;
}

export class AckRateResponse {
  @ApiProperty() sector: string;
  @ApiProperty() delivered: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty({ type: Number, nullable: true, description: 'acknowledged / delivered, 0..1; null when nothing was delivered' }) rate: number | null;
}

export class AcknowledgementResponse {
  @ApiProperty({ description: "the caller's alerts in the period" }) alerts: number;
  @ApiProperty({ type: [AckRateResponse] }) perSector: AckRateResponse[];
}

export class InsightsResponse {
  @ApiProperty({ format: 'date-time' }) since: string;
  @ApiProperty({ format: 'date-time' }) until: string;
  @ApiProperty({ type: IncidentsPerWeekResponse }) incidentsPerWeek: IncidentsPerWeekResponse;
  @ApiProperty({ type: [AdherenceResponse] }) deadlineAdherence: AdherenceResponse[];
  @ApiProperty({ type: AcknowledgementResponse }) acknowledgement: AcknowledgementResponse;
  @ApiProperty({ description: 'cases the figures are drawn from' }) cases: number;
}
