import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { SECTOR_STATES, type SectorState } from '../major-incident.types.js';

export class DeclareMajorIncidentDto {
  @ApiProperty({ example: 'Ransomware across grid operators' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: 'TLP:AMBER+STRICT', description: "the room's marking: its audience is the centre and the concerned sector units, named" })
  @IsString()
  @Length(1, 40)
  tlp: string;

  @ApiProperty({ example: ['energy', 'telecom'], description: 'the sectors concerned: each unit gets an alert to acknowledge' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  sectors: string[];

  @ApiPropertyOptional({ description: 'incident cases the major incident grew from' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({ example: 60, description: 'the promised sitrep cadence; a window without one is flagged as missed' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10_080)
  sitrepEveryMinutes?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "issue 19: the id of a running exercise of the centre; the room and its alert are then marked as the exercise's",
  })
  @IsOptional()
  @IsUUID('all')
  exercise?: string;
}

export class AttachCasesDto {
  @ApiProperty({ description: 'incident cases of any sector to attach (those already attached are kept once)', type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  caseIds: string[];
}

export class SitrepDto {
  @ApiProperty({ example: 'Three operators on manual control; no spread since 10:00.' })
  @IsString()
  @Length(1, 100_000)
  body: string;

  @ApiProperty({ example: 'TLP:RED', description: "no less restrictive than the room's marking" })
  @IsString()
  @Length(1, 40)
  tlp: string;
}

export class SectorStatusDto {
  @ApiProperty({ enum: SECTOR_STATES })
  @IsIn(SECTOR_STATES)
  state: SectorState;

  @ApiPropertyOptional({ example: 'Grid control on manual operation' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class TaskDto {
  @ApiProperty({ example: 'Collect HMI logs' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ example: 'energy', description: 'the slug of an organisation that may read the room' })
  @IsString()
  @Length(1, 100)
  owner: string;

  @ApiPropertyOptional({ example: '2026-03-01T12:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  due?: string;
}

export class DecisionDto {
  @ApiProperty({ example: 'Isolate the HMI networks of the affected operators' })
  @IsString()
  @Length(1, 5000)
  text: string;
}

export class StandDownDto {
  @ApiPropertyOptional({ example: 'All sectors recovered' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}
