import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, readCredentials, type Principal } from '@isac/auth';
import { AppConfig } from '@isac/config';
import { collectionResource } from './collections.js';
import { requireTaxiiAccept, requireTaxiiContentType, TAXII_MEDIA_TYPE, TAXII_VERSION } from './media-type.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiExceptionFilter } from './taxii-exception.filter.js';
import { TaxiiReadService, type TaxiiResponse } from './taxii-read.service.js';
import { TaxiiWriteService } from './taxii-write.service.js';

type TaxiiRequest = Request & { principal?: Principal };

export const API_ROOT_PATH = 'taxii2/api';

/**
 * TAXII 2.1 over HTTP (§4 discovery and API root, §5 collections). Routes are @Public so that the
 * public collection is readable without credentials; every other resource asks for them here
 * (401), and a key that was sent but is not valid is a 401 too, never an anonymous read.
 */
@ApiExcludeController()
@Public()
@UseFilters(TaxiiExceptionFilter)
@Controller('taxii2')
export class TaxiiController {
  constructor(
    private readonly config: AppConfig,
    private readonly collections: TaxiiCollectionsService,
    private readonly reads: TaxiiReadService,
    private readonly writes: TaxiiWriteService,
  ) {}

  /** §4.1 server discovery */
  @Get()
  discovery(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response) {
    begin(req, res);
    const root = `${req.protocol}://${req.get('host')}/${API_ROOT_PATH}/`;
    return { title: 'isac-hub', description: 'TAXII 2.1 server of the national information-sharing hub.', default: root, api_roots: [root] };
  }

  /** §4.2 API root information */
  @Get('api')
  apiRoot(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response) {
    begin(req, res);
    return { title: 'isac-hub', description: 'Collections of the network: public, alerts, one per sector, incidents.', versions: [TAXII_VERSION], max_content_length: this.config.TAXII_MAX_CONTENT_LENGTH };
  }

  /** §4.3 status */
  @Get('api/status/:statusId')
  status(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('statusId') statusId: string) {
    return this.writes.status(begin(req, res), statusId);
  }

  /** §5.1 get collections */
  @Get('api/collections')
  async list(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response) {
    const collections = await this.collections.list(begin(req, res));
    return { collections: collections.map(collectionResource) };
  }

  /** §5.2 get a collection */
  @Get('api/collections/:collectionId')
  async collection(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string) {
    return collectionResource(await this.collections.require(begin(req, res), collectionId, 'see'));
  }

  /** §5.3 get objects */
  @Get('api/collections/:collectionId/objects')
  async objects(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    return send(res, await this.reads.getObjects(begin(req, res), collectionId, query));
  }

  /** §5.4 add objects: 202 with a status resource */
  @Post('api/collections/:collectionId/objects')
  @HttpCode(202)
  add(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Body() body: unknown) {
    const principal = begin(req, res);
    requireTaxiiContentType(req.headers['content-type']);
    return this.writes.addObjects(principal, collectionId, body);
  }

  /** §5.5 get an object */
  @Get('api/collections/:collectionId/objects/:objectId')
  async object(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    return send(res, await this.reads.getObject(begin(req, res), collectionId, objectId, query));
  }

  /** §5.6 delete an object: 200, no content */
  @Delete('api/collections/:collectionId/objects/:objectId')
  @HttpCode(200)
  async remove(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    await this.writes.deleteObject(begin(req, res), collectionId, objectId, query);
    res.removeHeader('Content-Type');
  }

  /** §5.7 get object versions */
  @Get('api/collections/:collectionId/objects/:objectId/versions')
  async versions(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    return send(res, await this.reads.getVersions(begin(req, res), collectionId, objectId, query));
  }

  /** §5.3 (manifest): get object manifests */
  @Get('api/collections/:collectionId/manifest')
  async manifest(@Req() req: TaxiiRequest, @Res({ passthrough: true }) res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    return send(res, await this.reads.getManifest(begin(req, res), collectionId, query));
  }
}

/**
 * Every TAXII request: §1.6.8.1 content negotiation (406), the response media type, and the caller
 * (null without credentials; 401 when credentials were sent but are not a valid key).
 */
function begin(req: TaxiiRequest, res: Response): Principal | null {
  requireTaxiiAccept(req.headers.accept);
  res.setHeader('Content-Type', TAXII_MEDIA_TYPE);
  const credentials = readCredentials(req.headers.authorization);
  if (credentials.kind === 'malformed') throw taxiiErrors.unauthenticated(credentials.reason);
  if (credentials.kind === 'key' && req.principal === undefined) throw taxiiErrors.unauthenticated('The API key is unknown or has been revoked.');
  return req.principal ?? null;
}

/** An envelope comes serialised already (a string, sent as it is under the TAXII media type set in begin()). */
function send(res: Response, response: TaxiiResponse): object | string {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  return response.body;
}
