import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { PageQueryDto } from '@isac/cursors';

export class AuditQueryDto extends PageQueryDto({ cursorParam: 'before', defaultLimit: 100, maxLimit: 500 }) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  itemId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  readerOrgId?: string;
}
