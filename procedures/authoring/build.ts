/**
 * Writes procedures/<key>.json from the authoring modules. Run: `npx tsx procedures/authoring/build.ts`.
 * The JSON files are what ships; this script only keeps their layout and ids consistent.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefinitionSchema } from '../../dsl/schema.js';
import { AUTHORED } from './all.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const make of AUTHORED) {
  const def = make();
  DefinitionSchema.parse(def);
  writeFileSync(join(outDir, `${def.key}.json`), `${JSON.stringify(def, null, 2)}\n`);
  console.log(`wrote ${def.key}.json (${def.nodes.length} nodes, ${def.edges.length} edges)`);
}
