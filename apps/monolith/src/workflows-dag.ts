import './supported-node.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#platform/config';
import { airflowDagId, generateAirflowDag, WorkflowDefinition } from '#platform/workflows';

/**
 * `npm run workflows:dag`: writes the Apache Airflow DAG of every module workflow to
 * terraform/mwaa/dags/<dag id>.py, the folder that is uploaded to the MWAA DAGs bucket
 * (docs/runbooks/run-workflows-on-mwaa.md). Commit what it writes: a spec fails when a
 * workflow changed and its DAG did not.
 */
const folder = join('terraform', 'mwaa', 'dags');
mkdirSync(join(projectRoot(), folder), { recursive: true });
for (const definition of WorkflowDefinition.discover()) {
  const file = join(folder, `${airflowDagId(definition)}.py`);
  writeFileSync(join(projectRoot(), file), generateAirflowDag(definition));
  process.stdout.write(`${file} ← ${definition.file} (sha256 ${definition.hash.slice(0, 12)})\n`);
}
