import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

export const AGENDA_OPS = ['add', 'remove', 'move', 'setTimeBox', 'restore', 'accept'] as const;
export type AgendaOp = (typeof AGENDA_OPS)[number];

export class NewAgendaItemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty({ description: 'presenting organisation (slug)' }) @IsString() @IsNotEmpty() presenter: string;
  @ApiProperty() @IsInt() @Min(1) minutes: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  notes?: string[];
}

/** One edit: add {item, position?}, remove {itemId}, move {itemId, position}, setTimeBox {itemId, minutes}, restore {itemId, position?}, accept {proposalId, position?}. */
export class AgendaOperationDto {
  @ApiProperty({ enum: AGENDA_OPS }) @IsIn(AGENDA_OPS) op: AgendaOp;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) itemId?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) position?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() minutes?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'for "accept": the proposal to put on the agenda' }) @IsOptional() @IsUUID() proposalId?: string;
  @ApiPropertyOptional({ type: NewAgendaItemDto }) @IsOptional() @ValidateNested() @Type(() => NewAgendaItemDto) item?: NewAgendaItemDto;
}

export class EditAgendaDto {
  @ApiProperty({ type: [AgendaOperationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgendaOperationDto)
  operations: AgendaOperationDto[];
}

export class PublishCorrectionDto {
  @ApiPropertyOptional({
    example: 'The exercise debrief moved before the break; health asked for more time.',
    description: 'what the coordinator says of the correction, shown with the changes the hub lists',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
