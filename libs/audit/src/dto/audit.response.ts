// What GET /api/v1/audit answers, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) readerOrgId: string;
  @ApiProperty({ type: String, nullable: true }) readerKeyPrefix: string | null;
  @ApiProperty({ example: 'advisory' }) itemKind: string;
  @ApiProperty() itemId: string;
  @ApiProperty({ example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty({ format: 'uuid' }) authorOrgId: string;
  @ApiProperty({ enum: ['rest', 'taxii', 'inbox', 'webhook', 'agenda', 'briefing', 'insights'] }) channel: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) entries: AuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `before` for the next page; null on the last' }) next: string | null;
}
