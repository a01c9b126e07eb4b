import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RecordDecisionDto {
  @ApiProperty({ example: 'incidents:energy:high' }) @IsString() @IsNotEmpty() @MaxLength(200) agendaItemId: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) text: string;
}

export class RecordActionDto {
  @ApiPropertyOptional({ example: 'incidents:energy:high' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) agendaItemId?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @ApiProperty({ example: 'health', description: 'owning organisation (slug)' }) @IsString() @IsNotEmpty() owner: string;
  @ApiProperty({ example: '2027-03-01', description: 'due date; overdue from the next day (UTC)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'due must be a date YYYY-MM-DD' })
  due: string;
}

export class UpdateActionDto {
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) @IsIn(['open', 'done', 'cancelled']) status: 'open' | 'done' | 'cancelled';
}
