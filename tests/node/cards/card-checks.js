// Batch checks with the official Adaptive Cards libraries, called by tests/VerzuimBot.Cards.Tests.
//   node card-checks.js <request.json>
// request: { expand:   [{ id, template, data }],              -> official adaptivecards-templating 2.3.1
//            validate: [{ id, card, target? ("1.5") }] }     -> official adaptivecards 3.0.6 (UMD build)
// prints:  { versions: {...}, expand: [{ id, ok, result | error }], validate: [{ id, events: [{phase, event, message}] }] }
'use strict';
const fs = require('fs');
const path = require('path');
const ACData = require('adaptivecards-templating');
const AC = require('adaptivecards/dist/adaptivecards.js'); // lib/ is extensionless ESM and does not load in Node

function expandOfficial(template, data) {
  try {
    const result = new ACData.Template(template).expand({ $root: data });
    return { ok: true, result: result === undefined ? null : result };
  } catch (e) {
    return { ok: false, error: String(e && e.message || e) };
  }
}

// Parse as a host that renders `target` would: newer elements/properties and a newer card version are reported.
function validateCard(json, target) {
  const version = AC.Version.parse(target, new AC.SerializationContext());
  const context = new AC.SerializationContext(version);
  const card = new AC.AdaptiveCard();
  card.maxVersion = version; // without it a card "version" above the target is accepted silently
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  const out = events.map(e => ({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message }));
  // The library assumes the newest version when "version" is missing; Teams mobile refuses such cards.
  if (json && typeof json === 'object' && json.version === undefined) {
    out.push({ phase: 'Custom', event: 'MissingVersion', message: 'card has no "version"' });
  }
  return out;
}

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve(name + '/package.json')), 'package.json'), 'utf8')).version;
}

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const response = {
  versions: { adaptivecards: packageVersion('adaptivecards'), 'adaptivecards-templating': packageVersion('adaptivecards-templating'), 'adaptive-expressions': packageVersion('adaptive-expressions') },
  expand: (request.expand || []).map(({ id, template, data }) => ({ id, ...expandOfficial(template, data) })),
  validate: (request.validate || []).map(({ id, card, target }) => {
    try {
      return { id, events: validateCard(card, target || '1.5') };
    } catch (e) {
      return { id, events: [{ phase: 'Custom', event: 'ParserCrashed', message: String(e && e.message || e) }] };
    }
  }),
};
process.stdout.write(JSON.stringify(response));
