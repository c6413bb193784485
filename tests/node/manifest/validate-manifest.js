// Offline Teams manifest validation with @microsoft/app-manifest, called by tests/VerzuimBot.Cards.Tests.
//   node validate-manifest.js <request.json>
// request: { manifests: [{ id, json }] }   (a manifest or a localization file; each names its schema in "$schema")
// prints:  { packageVersion, knownTeamsVersions: ["1.0", ...], results: [{ id, errors: [string] }] }
'use strict';
const fs = require('fs');
const path = require('path');
// The package would download a schema it does not bundle; a test must never depend on the network.
globalThis.fetch = async url => { throw new Error('network disabled in tests: ' + url); };
const { AppManifestUtils } = require('@microsoft/app-manifest');
const Ajv04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
const knownTeamsVersions = fs.readdirSync(path.join(packageDir, 'build/json-schemas/teams'))
  .filter(d => /^v\d+\.\d+$/.test(d) && fs.existsSync(path.join(packageDir, 'build/json-schemas/teams', d, 'MicrosoftTeams.schema.json')))
  .map(d => d.slice(1));

// validateAgainstSchema cannot compile the bundled localization schema (one of its patterns is not valid in
// unicode mode), so a localization file is checked with the same ajv setup against the same bundled file,
// with unicode regular expressions off.
const localizationSchema = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[\d.]+|vDevPreview)\/MicrosoftTeams\.Localization\.schema\.json$/;
function validateLocalization(json, version) {
  const file = path.join(packageDir, 'build/json-schemas/teams', version, 'MicrosoftTeams.Localization.schema.json');
  if (!fs.existsSync(file)) return ['no bundled localization schema for ' + version];
  const raw = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(JSON.parse(raw));
  return validate(json) ? [] : validate.errors.map(e => `${e.instancePath} ${e.message || ''}. Details: ${JSON.stringify(e.params)}`);
}

(async () => {
  const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const results = [];
  for (const { id, json } of request.manifests || []) {
    try {
      const localization = typeof json.$schema === 'string' && json.$schema.match(localizationSchema);
      results.push({ id, errors: localization ? validateLocalization(json, localization[1]) : await AppManifestUtils.validateAgainstSchema(json) });
    } catch (e) {
      results.push({ id, errors: ['validator failed: ' + (e && e.message || e)] });
    }
  }
  const packageVersion = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  process.stdout.write(JSON.stringify({ packageVersion, knownTeamsVersions, results }));
})().catch(e => { console.error('ERROR', e && e.stack || e); process.exit(2); });
