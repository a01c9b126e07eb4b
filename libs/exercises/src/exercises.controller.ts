import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { AfterActionService } from './after-action.service.js';
import { FastForwardDto, StartExerciseDto } from './dto/exercise.dto.js';
import { ExercisePurgeResponse, ExerciseResponse } from './dto/exercise.response.js';
import { ExercisesService } from './exercises.service.js';

const SCENARIO_SCHEMA = {
  type: 'object' as const,
  required: ['title', 'injects'] as string[],
  description: 'a scenario (docs/exercises.md): injects at offsets in minutes from the start — major-incident, alert, advisory, case, status',
  properties: {
    title: { type: 'string' as const },
    description: { type: 'string' as const },
    injects: { type: 'array' as const, items: { type: 'object' as const, required: ['at', 'kind'] as string[], additionalProperties: true } },
  },
};

@ApiTags('exercises')
@ApiKeyAuth()
@Controller('api/v1/exercises')
export class ExercisesController {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly reports: AfterActionService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: "Load an exercise's scenario, checked whole (the centre's coordinator)" })
  @ApiBody({ schema: SCENARIO_SCHEMA })
  @ApiCreatedResponse({ type: ExerciseResponse, description: 'the exercise, ready to start' })
  @ApiProblemResponses(400, 403, 413)
  create(@CurrentPrincipal() principal: Principal, @Body() scenario: Record<string, unknown>) {
    return this.exercises.create(principal, scenario);
  }

  @Get(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'The exercise: its clock, state and each inject, played or not (coordinator)' })
  @ApiOkResponse({ type: ExerciseResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.exercises.get(principal, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Start the exercise clock, at a speed (coordinator)' })
  @ApiOkResponse({ type: ExerciseResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  start(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: StartExerciseDto) {
    return this.exercises.start(principal, id, dto);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Pause the exercise clock: no inject plays until it resumes (coordinator)' })
  @ApiOkResponse({ type: ExerciseResponse })
  @ApiProblemResponses(403, 404, 409)
  pause(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.exercises.pause(principal, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Resume a paused exercise (coordinator)' })
  @ApiOkResponse({ type: ExerciseResponse })
  @ApiProblemResponses(403, 404, 409)
  resume(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.exercises.resume(principal, id);
  }

  @Post(':id/fast-forward')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Move the exercise clock ahead; injects within the jump play at once (coordinator)' })
  @ApiOkResponse({ type: ExerciseResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  fastForward(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: FastForwardDto) {
    return this.exercises.fastForward(principal, id, dto.minutes);
  }

  @Post(':id/purge')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Remove everything the exercise created; the audit log keeps its rows (coordinator)' })
  @ApiOkResponse({ type: ExercisePurgeResponse })
  @ApiProblemResponses(403, 404, 409)
  purge(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.exercises.purge(principal, id);
  }

  @Get(':id/report.md')
  @Roles('coordinator')
  @ApiOperation({ summary: 'The after-action report as Markdown: acknowledgements, missed sitreps, inject to first status per sector (coordinator)' })
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'the report', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ApiProblemResponses(403, 404)
  async report(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    const file = await this.reports.report(principal, id);
    res
      .status(200)
      .setHeader('Content-Type', 'text/markdown; charset=utf-8')
      .setHeader('Content-Disposition', `inline; filename="${file.filename}"`)
      .setHeader('X-TLP', file.tlp)
      .send(file.body);
  }
}
