import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { PageQueryDto } from '@isac/cursors';
import { TLP_LABELS } from '@isac/tlp';
import { SEVERITIES } from '../advisory.types.js';

const PAGE = { cursorParam: 'cursor', defaultLimit: 50, maxLimit: 200 } as const;

export class ListAdvisoriesQueryDto extends PageQueryDto(PAGE) {
  @ApiPropertyOptional({ enum: ['advisory', 'alert'] })
  @IsOptional()
  @IsIn(['advisory', 'alert'])
  kind?: 'advisory' | 'alert';

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ example: 'TLP:AMBER' })
  @IsOptional()
  @IsIn(TLP_LABELS)
  tlp?: string;

  @ApiPropertyOptional({ description: 'slug of the author' })
  @IsOptional()
  @IsString()
  author?: string;
}

export class InboxQueryDto extends PageQueryDto(PAGE) {
  @ApiPropertyOptional({ description: 'only entries not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({
    description: 'only entries still waiting for the organisation: not read yet, or an acknowledgement the advisory asks for not given yet',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pending?: boolean;
}
