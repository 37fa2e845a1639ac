import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../common/api-prefix.js';

// The console (web/, built by Vite into dist/web) is served by the same server at / (ADR 0034). Its
// files carry content hashes under /assets, so they may be cached for a year; index.html may not,
// or a new release would load old code. Any other GET outside the API answers index.html, so a reload
// of a console route (/rounds/…) opens the app there; a GET under the API prefix that no route
// matches still gets the API's coded 404.
export async function serveConsole(instance: FastifyInstance, dir: string): Promise<boolean> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  await instance.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const apiPath = new RegExp(`^/${API_PREFIX}(/|$|\\?)`);
  instance.get('/*', async (req, reply) => {
    if (apiPath.test(req.url))
      return reply.status(404).send({
        code: 'NOT_FOUND',
        message: `Cannot GET ${req.url.split('?')[0]}: no such route; the routes are listed at /${API_PREFIX}/openapi.json`,
        details: {},
      });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(indexHtml);
  });
  return true;
}
