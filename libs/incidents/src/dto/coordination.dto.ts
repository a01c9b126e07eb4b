import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MESSAGE_KINDS } from '../incident-message.entity.js';

/** Markdown bodies of feedback and messages: a page or two, not a report (those are STIX bundles). */
export const MAX_CASE_TEXT = 20_000;
export const FEEDBACK_KINDS = ['guidance', 'assessment', 'severity-reassessment'] as const;

export class FeedbackDto {
  @ApiProperty({ description: 'Markdown', maxLength: MAX_CASE_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CASE_TEXT)
  body: string;

  @ApiPropertyOptional({ enum: FEEDBACK_KINDS, default: 'guidance' })
  @IsOptional()
  @IsIn(FEEDBACK_KINDS)
  kind?: (typeof FEEDBACK_KINDS)[number];
}

export class PostMessageDto {
  @ApiProperty({ description: 'Markdown', maxLength: MAX_CASE_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CASE_TEXT)
  body: string;

  @ApiPropertyOptional({ enum: MESSAGE_KINDS, default: 'note' })
  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  kind?: (typeof MESSAGE_KINDS)[number];

  @ApiPropertyOptional({ description: "the message's TLP, no wider than the case's (the default)", example: 'TLP:AMBER+STRICT' })
  @IsOptional()
  @IsString()
  @MaxLength(24)
  tlp?: string;
}

export class LinkCaseDto {
  @ApiProperty({ format: 'uuid', description: 'the case to link this one to' })
  @IsUUID()
  caseId: string;

  @ApiPropertyOptional({ enum: ['related-to'], default: 'related-to' })
  @IsOptional()
  @IsIn(['related-to'])
  relationship?: 'related-to';
}

export class CloseCaseDto {
  @ApiPropertyOptional({ description: 'why the case is closed; required unless the final report is filed', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
