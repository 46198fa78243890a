// Writes reco.config.schema.json, the JSON Schema editors use to complete and check a
// reco.config.json / .yaml, formatted as the repo's biome formats JSON. `config-file.test.ts`
// fails when the committed file is stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { studyConfigJsonSchemaText } from '../src/config-file';

const file = fileURLToPath(new URL('../reco.config.schema.json', import.meta.url));
writeFileSync(file, studyConfigJsonSchemaText());
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', file], { stdio: 'inherit' });
console.log(`wrote ${file}`);
