import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, readCredentials, type Principal } from '@isac/auth';
import { AppConfig } from '@isac/config';
import { collectionResource } from './collections.js';
import { requireTaxiiAccept, requireTaxiiContentType, TAXII_VERSION } from './media-type.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiExceptionFilter } from './taxii-exception.filter.js';
import { TaxiiReadService, type TaxiiResponse } from './taxii-read.service.js';
import { reply } from './taxii-reply.js';
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
  discovery(@Req() req: TaxiiRequest, @Res() res: Response) {
    begin(req);
    const root = `${req.protocol}://${req.get('host')}/${API_ROOT_PATH}/`;
    reply(res, 200, { title: 'isac-hub', description: 'TAXII 2.1 server of the national information-sharing hub.', default: root, api_roots: [root] });
  }

  /** §4.2 API root information */
  @Get('api')
  apiRoot(@Req() req: TaxiiRequest, @Res() res: Response) {
    begin(req);
    reply(res, 200, { title: 'isac-hub', description: 'Collections of the network: public, alerts, one per sector, incidents.', versions: [TAXII_VERSION], max_content_length: this.config.TAXII_MAX_CONTENT_LENGTH });
  }

  /** §4.3 status */
  @Get('api/status/:statusId')
  async status(@Req() req: TaxiiRequest, @Res() res: Response, @Param('statusId') statusId: string) {
    reply(res, 200, await this.writes.status(begin(req), statusId));
  }

  /** §5.1 get collections */
  @Get('api/collections')
  async list(@Req() req: TaxiiRequest, @Res() res: Response) {
    const collections = await this.collections.list(begin(req));
    reply(res, 200, { collections: collections.map(collectionResource) });
  }

  /** §5.2 get a collection */
  @Get('api/collections/:collectionId')
  async collection(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string) {
    reply(res, 200, collectionResource(await this.collections.require(begin(req), collectionId, 'see')));
  }

  /** §5.3 get objects */
  @Get('api/collections/:collectionId/objects')
  async objects(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getObjects(begin(req), collectionId, query));
  }

  /** §5.4 add objects: 202 with a status resource */
  @Post('api/collections/:collectionId/objects')
  async add(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Body() body: unknown) {
    const principal = begin(req);
    requireTaxiiContentType(req.headers['content-type']);
    reply(res, 202, await this.writes.addObjects(principal, collectionId, body));
  }

  /** §5.5 get an object */
  @Get('api/collections/:collectionId/objects/:objectId')
  async object(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getObject(begin(req), collectionId, objectId, query));
  }

  /** §5.6 delete an object: 200, no content */
  @Delete('api/collections/:collectionId/objects/:objectId')
  async remove(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    await this.writes.deleteObject(begin(req), collectionId, objectId, query);
    res.status(200).end();
  }

  /** §5.7 get object versions */
  @Get('api/collections/:collectionId/objects/:objectId/versions')
  async versions(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Param('objectId') objectId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getVersions(begin(req), collectionId, objectId, query));
  }

  /** §5.3 (manifest): get object manifests */
  @Get('api/collections/:collectionId/manifest')
  async manifest(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getManifest(begin(req), collectionId, query));
  }
}

/**
 * Every TAXII request: §1.6.8.1 content negotiation (406) and the caller (null without
 * credentials; 401 when credentials were sent but are not a valid key). Responses go out through
 * reply() (taxii-reply.ts), errors through the TAXII exception filter.
 */
function begin(req: TaxiiRequest): Principal | null {
  requireTaxiiAccept(req.headers.accept);
  const credentials = readCredentials(req.headers.authorization);
  if (credentials.kind === 'malformed') throw taxiiErrors.unauthenticated(credentials.reason);
  if (credentials.kind === 'key' && req.principal === undefined) throw taxiiErrors.unauthenticated('The API key is unknown or has been revoked.');
  return req.principal ?? null;
}

/** A page: its resource (an envelope comes serialised already) and its date_added headers. */
function send(res: Response, response: TaxiiResponse): void {
  reply(res, 200, response.body, response.headers);
}
