import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DESCRIPTION_PATH,
  RELEASED_DIR,
  SCHEMA_TYPES_PATH,
  describeApi,
  stableJson,
} from './api-description.js';
import { schemaTypes } from './schema-types.js';

// `npm run api:generate`: writes the OpenAPI description and the client's types from the code, with
// no database. Run compiled: the Swagger metadata needs the decorator metadata tsc emits (tsx does not).
// `npm run api:release` also keeps the description as released: the baseline later changes are held to.
const description = JSON.parse(stableJson(await describeApi()));
const text = stableJson(description);
const outputs: [string, string][] = [
  [DESCRIPTION_PATH, text],
  [SCHEMA_TYPES_PATH, await schemaTypes(description)],
];
if (process.argv.includes('--release')) {
  const released = join(RELEASED_DIR, `openapi-${description.info.version}.json`);
  // A released version is a promise to its clients: it is never rewritten.
  if (existsSync(released) && readFileSync(released, 'utf8') !== text) {
    console.error(
      `${released} exists and differs: a released description is never changed; raise info.version`,
    );
    process.exit(1);
  }
  outputs.push([released, text]);
}
for (const [path, content] of outputs) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
