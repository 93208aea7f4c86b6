import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { imageTooLargeError } from './limits.js';
import { privateAddressKind } from './private-address.js';

const MAX_REDIRECTS = 3;

/** How {@link readRemoteUrl} may fetch. */
export interface RemoteFetchOptions {
  allowPrivateNetwork: boolean;
  maxBytes: number;
  timeoutMs: number;
}

type Hop = { redirect: string } | { body: Buffer };

async function resolveAllowed(url: URL, allowPrivateNetwork: boolean): Promise<LookupAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MmskillsError(
      MmskillsErrorCode.ImageSourceForbidden,
      `${url.href} is not an http(s) URL; only http and https images can be fetched`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  let addresses: LookupAddress[];
  try {
    addresses = family ? [{ address: host, family }] : await lookup(host, { all: true });
  } catch (error) {
    throw new MmskillsError(
      MmskillsErrorCode.ImageNotFound,
      `host ${host} could not be resolved; check the URL or pass the image as a data: URI`,
      { cause: error },
    );
  }
  if (allowPrivateNetwork) return addresses;
  for (const { address } of addresses) {
    const kind = privateAddressKind(address);
    if (kind !== undefined) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageSourceForbidden,
        `${url.origin} resolves to ${address}, a ${kind} address; URLs to private networks are refused ` +
          '(set MMSKILLS_ALLOW_PRIVATE_URLS=1 to allow them, or pass the image as a data: URI)',
      );
    }
  }
  return addresses;
}

// Connect only to the addresses already checked, so a second DNS answer cannot rebind the host.
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const matches = addresses.filter((entry) => wanted === 0 || entry.family === wanted);
    const first = matches[0];
    if (first === undefined) {
      callback(
        Object.assign(new Error(`no IPv${wanted} address for ${hostname}`), { code: 'ENOTFOUND' }),
        '',
      );
    } else if (options.all) {
      callback(null, matches);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function fetchHop(url: URL, addresses: readonly LookupAddress[], maxBytes: number, signal: AbortSignal) {
  return new Promise<Hop>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const options = { lookup: pinnedLookup(addresses), signal, headers: { accept: 'image/*' } };
    const request = client.get(url, options, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        resolve({ redirect: location });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new MmskillsError(MmskillsErrorCode.ImageNotFound, `${url.href} answered HTTP ${status}`));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (declared > maxBytes) {
        request.destroy();
        reject(imageTooLargeError(declared, maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > maxBytes) {
          request.destroy();
          reject(imageTooLargeError(length, maxBytes, true));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ body: Buffer.concat(chunks, length) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Fetches an http(s) image. Every host, including each redirect target (at most 3), is resolved and
 * refused when any of its addresses is private unless `allowPrivateNetwork`; the byte cap is enforced
 * while streaming and the timeout covers the whole fetch.
 */
export async function readRemoteUrl(href: string, options: RemoteFetchOptions): Promise<Buffer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(href);
  for (let redirects = 0; ; redirects++) {
    const addresses = await resolveAllowed(url, options.allowPrivateNetwork);
    let hop: Hop;
    try {
      hop = await fetchHop(url, addresses, options.maxBytes, signal);
    } catch (error) {
      if (error instanceof MmskillsError) throw error;
      const reason = signal.aborted
        ? `timed out after ${options.timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
      throw new MmskillsError(
        MmskillsErrorCode.ImageNotFound,
        `${url.href} could not be fetched (${reason}); check that it is reachable from this server`,
        { cause: error },
      );
    }
    if ('body' in hop) return hop.body;
    if (redirects === MAX_REDIRECTS) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageNotFound,
        `${href} redirected more than ${MAX_REDIRECTS} times; pass the final image URL instead`,
      );
    }
    const next = URL.parse(hop.redirect, url.href);
    if (next === null) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageNotFound,
        `${url.href} redirected to an invalid location (${hop.redirect}); pass the final image URL instead`,
      );
    }
    url = next;
  }
}
