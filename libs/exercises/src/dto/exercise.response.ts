// What the exercises routes answer (ExercisesService), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class ExerciseInjectResponse {
  @ApiProperty({ description: "its index in the scenario's list" }) position: number;
  @ApiProperty({ description: 'minutes from the start, on the exercise clock' }) at: number;
  @ApiProperty({ enum: ['major-incident', 'alert', 'advisory', 'case', 'status'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) playedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the id of what it created (advisory, case, major incident, room line)' }) resultId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it could not play' }) error: string | null;
}

export class ExerciseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'always true' }) exercise: boolean;
  @ApiProperty({ enum: ['ready', 'running', 'paused', 'purged'] }) state: string;
  @ApiProperty({ description: 'exercise minutes per wall-clock minute' }) speed: number;
  @ApiProperty({ description: 'exercise time elapsed, in minutes' }) elapsedMinutes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) purgedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) majorIncidentId: string | null;
  @ApiProperty({ type: [ExerciseInjectResponse] }) injects: ExerciseInjectResponse[];
}

export class ExercisePurgeCountsResponse {
  @ApiProperty() advisories: number;
  @ApiProperty() cases: number;
  @ApiProperty() stixObjects: number;
  @ApiProperty() majorIncidents: number;
}

export class ExercisePurgeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['purged'] }) state: string;
  @ApiProperty({ type: ExercisePurgeCountsResponse }) removed: ExercisePurgeCountsResponse;
}
