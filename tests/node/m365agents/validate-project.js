// Checks m365agents.yml (already parsed to JSON by the .NET test) against the Microsoft 365 Agents Toolkit's own JSON schema,
// offline: tests/test.sh extracts resource/yaml-schema/<version>/yaml.schema.json from the npm package the toolkit CLI uses.
//   node validate-project.js <request.json>      request: { schema: <path>, document: <object> }
// prints: { errors: [string] }
'use strict';
const fs = require('fs');
const Ajv = require('ajv');
globalThis.fetch = async url => { throw new Error('network disabled in tests: ' + url); };

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const schema = JSON.parse(fs.readFileSync(request.schema, 'utf8'));
// The schema carries editor hints (markdownDescription, deprecationMessage): not validation keywords, so not strict.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const errors = validate(request.document) ? [] : validate.errors.map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
process.stdout.write(JSON.stringify({ errors }));
