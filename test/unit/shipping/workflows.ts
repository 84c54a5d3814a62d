/** The GitHub workflows, parsed, for tests that check what they promise (they cannot run here). */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
export interface Job {
  name?: string;
  needs?: string | string[];
  'runs-on': string;
  env?: Record<string, string>;
  strategy?: { matrix?: { os?: string[]; include?: Array<Record<string, string>> } };
  steps: Step[];
}
export interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const dir = path.resolve(__dirname, '..', '..', '..', '.github', 'workflows');

export function workflow(file: string): Workflow {
  return yaml.load(fs.readFileSync(path.join(dir, file), 'utf8')) as Workflow;
}

export const needsOf = (job: Job): string[] => [job.needs ?? []].flat();
/** The systems a job runs on: its matrix's os list or include entries, or its runs-on. */
export const systemsOf = (job: Job): string[] =>
  job.strategy?.matrix?.os ?? job.strategy?.matrix?.include?.map((i) => i.os!).filter(Boolean) ?? [job['runs-on']];
