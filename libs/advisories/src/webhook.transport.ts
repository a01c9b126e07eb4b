import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig, parseNetworks } from '@isac/config';
import { WebhookAddressPolicy } from './webhook-address.js';

/** A webhook whose host is, or resolves to, an address the policy refuses. Not worth retrying. */
export class WebhookAddressRefused extends Error {
  override readonly name = 'WebhookAddressRefused';
}

/** `[::1]` → `::1`: URL keeps IPv6 hosts in brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The only code that speaks to webhook endpoints. Every connection goes to an address the
 * WebhookAddressPolicy allows: names are resolved by the connection's own lookup, which refuses
 * before connecting, so a name that resolved to a public address when the webhook was set cannot
 * point at the hub's machine later (DNS rebinding). Redirects are not followed.
 */
@Injectable()
export class WebhookTransport {
  private readonly policy: WebhookAddressPolicy;

  constructor(config: AppConfig) {
    this.policy = new WebhookAddressPolicy(parseNetworks(config.WEBHOOK_ALLOWED_NETWORKS));
  }

  /** Why `url` may not be a webhook, or undefined: its host, or any address its name resolves to, is refused, or its name does not resolve. */
  async refusalOf(url: string): Promise<string | undefined> {
    const host = hostOf(new URL(url));
    if (isIP(host) !== 0) return this.policy.refusal(host);
    let addresses: LookupAddress[];
    try {
      addresses = await new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))));
    } catch (error) {
      return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
    for (const { address } of addresses) {
      const refusal = this.policy.refusal(address);
      if (refusal) return `${host} resolves to ${refusal}`;
    }
    return undefined;
  }

  /** POSTs `body`; resolves with the status the endpoint answered. Throws on a refused address, a network error or the timeout. */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    const target = new URL(url);
    const host = hostOf(target);
    if (isIP(host) !== 0) {
      const refusal = this.policy.refusal(host);
      if (refusal) return Promise.reject(new WebhookAddressRefused(refusal));
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = request(
        target,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: this.checkedLookup },
        (res) => {
          clearTimeout(timer);
          res.resume(); // the answer's body is not read
          resolve(res.statusCode ?? 0);
        },
      );
      // the whole exchange up to the answer's status, connecting included
      const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }

  /** dns.lookup, refusing (before any connection) a name that resolves to an address the policy refuses. */
  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = this.policy.refusal(address);
        if (refusal) return callback(new WebhookAddressRefused(`${hostname} resolves to ${refusal}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
}
