/**
 * `npm run schema`: writes assets/run-config.schema.json (JSON Schema of the run config) so
 * editors complete and check configs. A test keeps the committed file in step with the code.
 */
import path from 'node:path';
import { runConfigJsonSchema } from '../../workers/config/jsonSchema';
import { writeFileAtomic } from '../runs/atomicWrite';
import { PROJECT_ROOT } from '../runs/examples';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'assets', 'run-config.schema.json');

await writeFileAtomic(SCHEMA_FILE, JSON.stringify(runConfigJsonSchema(), null, 2) + '\n');
process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
