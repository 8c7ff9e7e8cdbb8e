// `npm run openapi`: writes the OpenAPI document the API serves at /api/openapi.json to docs/openapi.json, where it
// is committed; test/integration/registry/openapi-drift.test.ts fails when the two differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApi } from '../src/api/index.ts';
import { areas, composeAreas } from '../src/areas/index.ts';

/** The document as committed: the served JSON, two-space indented, with a final newline. */
export function openApiText(): string {
  const { document } = createApi(composeAreas(areas).apis);
  return `${JSON.stringify(document(), null, 2)}\n`;
}

const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
writeFileSync(target, openApiText());
console.log(`Skrev ${target}`);
