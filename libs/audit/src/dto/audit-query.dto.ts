import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'cursor: the `next` of the previous page' })
  @IsOptional()
  // an audit entry's id is a PostgreSQL bigint: 18 digits always fit, some 19-digit values do not
  @Matches(/^\d{1,18}$/, { message: 'before must be the next of a previous page' })
  before?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  itemId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  readerOrgId?: string;
}
