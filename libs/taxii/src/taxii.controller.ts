import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, readCredentials, Roles, type Principal } from '@isac/auth';
import { AppConfig } from '@isac/config';
import { collectionResource } from './collections.js';
import { requireTaxiiAccept, requireTaxiiContentType, TAXII_VERSION } from './media-type.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiExceptionFilter } from './taxii-exception.filter.js';
import { TaxiiReadService, type TaxiiResponse } from './taxii-read.service.js';
import { reply, replyWithoutBody } from './taxii-reply.js';
import { TaxiiWriteService } from './taxii-write.service.js';

type TaxiiRequest = Request & { principal?: Principal };

export const API_ROOT_PATH = 'taxii2/api';

/**
 * TAXII 2.1 over HTTP (§4 discovery, API root and status, §5 collections). Routes are @Public so that the
 * public collection is readable without credentials; every other resource asks for them here
 * (401), and a key that was sent but is not valid is a 401 too, never an anonymous read. A key
 * that was sent needs the `analyst` role for everything past the API root (DESIGN §1: reading and
 * publishing are the analyst's); the guard answers 403 otherwise.
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

  /**
   * §4.1 server discovery. The API root is given as a relative URL (§4.1.1: API root URLs MUST be
   * HTTPS absolute URLs or relative ones): one built from the request would say http:// behind a
   * proxy that ends TLS, and would name whatever Host the client sent.
   */
  @Get()
  discovery(@Req() req: TaxiiRequest, @Res() res: Response) {
    begin(req);
    const root = `/${API_ROOT_PATH}/`;
    reply(res, 200, { title: 'isac-hub', description: 'TAXII 2.1 server of the national information-sharing hub.', default: root, api_roots: [root] });
  }

  /**
   * §4.2 API root information. A body no larger than max_content_length MUST NOT be answered 413
   * (§4.2.1), and the JSON parser refuses any beyond MAX_BUNDLE_BYTES: the smaller of the two is
   * what the API root can take.
   */
  @Get('api')
  apiRoot(@Req() req: TaxiiRequest, @Res() res: Response) {
    begin(req);
    const maxContentLength = Math.min(this.config.TAXII_MAX_CONTENT_LENGTH, this.config.MAX_BUNDLE_BYTES);
    reply(res, 200, {
      title: 'isac-hub',
      description: 'Collections of the network: public, alerts, one per sector, incidents.',
      versions: [TAXII_VERSION],
      max_content_length: maxContentLength,
    });
  }

  /** §4.3 status */
  @Get('api/status/:statusId')
  @Roles('analyst')
  async status(@Req() req: TaxiiRequest, @Res() res: Response, @Param('statusId') statusId: string) {
    reply(res, 200, await this.writes.status(begin(req), statusId));
  }

  /** §5.1 get collections */
  @Get('api/collections')
  @Roles('analyst')
  async list(@Req() req: TaxiiRequest, @Res() res: Response) {
    const collections = await this.collections.list(begin(req));
    reply(res, 200, { collections: collections.map(collectionResource) });
  }

  /** §5.2 get a collection */
  @Get('api/collections/:collectionId')
  @Roles('analyst')
  async collection(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string) {
    reply(res, 200, collectionResource(await this.collections.require(begin(req), collectionId, 'see')));
  }

  /** §5.4 get objects */
  @Get('api/collections/:collectionId/objects')
  @Roles('analyst')
  async objects(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getObjects(begin(req), collectionId, query));
  }

  /** §5.5 add objects: 202 with a status resource */
  @Post('api/collections/:collectionId/objects')
  @Roles('analyst')
  async add(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Body() body: unknown) {
    const principal = begin(req);
    requireTaxiiContentType(req.headers['content-type']);
    reply(res, 202, await this.writes.addObjects(principal, collectionId, body));
  }

  /** §5.6 get an object */
  @Get('api/collections/:collectionId/objects/:objectId')
  @Roles('analyst')
  async object(
    @Req() req: TaxiiRequest,
    @Res() res: Response,
    @Param('collectionId') collectionId: string,
    @Param('objectId') objectId: string,
    @Query() query: Record<string, unknown>,
  ) {
    send(res, await this.reads.getObject(begin(req), collectionId, objectId, query));
  }

  /** §5.7 delete an object: 200 with no payload, in the TAXII media type all the same (§5.7, §3.1) */
  @Delete('api/collections/:collectionId/objects/:objectId')
  @Roles('analyst')
  async remove(
    @Req() req: TaxiiRequest,
    @Res() res: Response,
    @Param('collectionId') collectionId: string,
    @Param('objectId') objectId: string,
    @Query() query: Record<string, unknown>,
  ) {
    await this.writes.deleteObject(begin(req), collectionId, objectId, query);
    replyWithoutBody(res, 200);
  }

  /** §5.8 get object versions */
  @Get('api/collections/:collectionId/objects/:objectId/versions')
  @Roles('analyst')
  async versions(
    @Req() req: TaxiiRequest,
    @Res() res: Response,
    @Param('collectionId') collectionId: string,
    @Param('objectId') objectId: string,
    @Query() query: Record<string, unknown>,
  ) {
    send(res, await this.reads.getVersions(begin(req), collectionId, objectId, query));
  }

  /** §5.3 get object manifests */
  @Get('api/collections/:collectionId/manifest')
  @Roles('analyst')
  async manifest(@Req() req: TaxiiRequest, @Res() res: Response, @Param('collectionId') collectionId: string, @Query() query: Record<string, unknown>) {
    send(res, await this.reads.getManifest(begin(req), collectionId, query));
  }
}

/**
 * Every TAXII request: §1.6.8 content negotiation (406) and the caller (null without
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
