// The report schema, compiled once, for tests that validate CLI output.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { repoRoot } from './corpus.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/report.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addSchema(schema);

export const validateReport = ajv.getSchema(schema.$id)!;
export const validateNdjsonLine = ajv.getSchema(`${schema.$id}#/definitions/ndjsonLine`)!;

const lsSchema = JSON.parse(readFileSync(join(repoRoot, 'schema/ls.schema.json'), 'utf8')) as { $id: string };
ajv.addSchema(lsSchema);
export const validateLs = ajv.getSchema(lsSchema.$id)!;

const progressSchema = JSON.parse(readFileSync(join(repoRoot, 'schema/progress.schema.json'), 'utf8')) as { $id: string };
ajv.addSchema(progressSchema);
export const validateProgress = ajv.getSchema(progressSchema.$id)!;

export function schemaErrors(validate: typeof validateReport): string {
  return ajv.errorsText(validate.errors);
}

const accountsSchema = JSON.parse(readFileSync(join(repoRoot, 'schema/accounts.schema.json'), 'utf8')) as { $id: string };
ajv.addSchema(accountsSchema);
export const validateAccounts = ajv.getSchema(accountsSchema.$id)!;

const caseSchema = JSON.parse(readFileSync(join(repoRoot, 'schema/case.schema.json'), 'utf8')) as { $id: string };
ajv.addSchema(caseSchema);
export const validateCase = ajv.getSchema(caseSchema.$id)!;
export const validateCaseLine = ajv.getSchema(`${caseSchema.$id}#/definitions/ndjsonLine`)!;
