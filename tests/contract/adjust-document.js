#!/usr/bin/env node
// Writes the copy of an API document that Prism checks against: the published document with the
// adjustments below, each to how the API itself reads or writes values where the generator of its
// document said nothing or meant something narrower. Everything else (types, lengths, enums,
// required properties, paths, parameters) stays as published.
//
// visma (Swagger 2.0, generated from Visma's .NET models):
//   1. Optional properties may be null. The document has no x-nullable anywhere, while the API
//      answers null for every optional value that is not set ("Address2": null). Required
//      properties stay non-null.
//   2. A date-time may come without a UTC offset, or as a bare date. The API writes its dates as
//      local date-times without an offset ("InvoiceDate": "2026-11-24T00:00:00"), and the document
//      itself says "Format: YYYY-MM-DD" for 26 of its date-time properties (OrderApi.OrderDate,
//      InvoicePaymentApi.PaymentDate, ...), all read by the same .NET date binding; Prism's
//      "date-time" demands a time and an offset.
// woocommerce (OpenAPI 3.1, generated from the route schemas WooCommerce 7.9 reports):
//   1. A date-time is what WordPress's "date-time" format means (rest_parse_date): the offset and
//      the "T" are optional ("2026-11-24T14:33:49", as in the transcripts of a real shop).
//
// Read literally, the documents would refuse what the real systems send and accept, and a check
// failing on the real systems' behaviour would push the emulators away from it.
//
// Usage: node adjust-document.js visma|woocommerce IN.json OUT.json
'use strict';

const fs = require('fs');

// A date, optionally with RFC 3339's time and offset, each optional; .NET writes up to 7
// fractional digits.
const kVismaDateTime = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' +
  '(T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,7})?(Z|[+-]\\d{2}:\\d{2})?)?$';
// WordPress's rest_parse_date().
const kWordPressDateTime = '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:\\d{2})?)?$';
// verdict.js names these patterns in words when a value breaks one.
module.exports = { kVismaDateTime, kWordPressDateTime };
if (require.main !== module) return;

const [api, input, output] = process.argv.slice(2);
if (!['visma', 'woocommerce'].includes(api) || !input || !output) {
  process.stderr.write('usage: node adjust-document.js visma|woocommerce IN.json OUT.json\n');
  process.exit(2);
}

const document = JSON.parse(fs.readFileSync(input, 'utf8'));
const counts = { nullable: 0, date_time: 0 };

function nullable(property) {
  if (typeof property.type === 'string') {
    // Prism reads x-nullable as "this type or null" (and adds null to an enum).
    property['x-nullable'] = true;
    counts.nullable += 1;
    return property;
  }
  if (property.$ref) {
    // A referenced object: x-nullable needs a type beside it, so say it as a choice.
    const { $ref, ...annotations } = property;
    counts.nullable += 1;
    return { ...annotations, anyOf: [{ $ref }, { type: 'null' }] };
  }
  return property;
}

function visit(node) {
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (node.format === 'date-time') {
    delete node.format;
    node.pattern = api === 'visma' ? kVismaDateTime : kWordPressDateTime;
    counts.date_time += 1;
  }
  if (api === 'visma' && node.properties && typeof node.properties === 'object' &&
      !Array.isArray(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(node.properties)) {
      if (property && typeof property === 'object' && !required.has(name)) {
        node.properties[name] = nullable(property);
      }
    }
  }
  for (const value of Object.values(node)) visit(value);
}

for (const part of ['definitions', 'components', 'paths']) visit(document[part] || {});
fs.writeFileSync(output, JSON.stringify(document));
process.stderr.write(`adjust-document: ${api}: ${counts.nullable} optional properties may be null, ` +
  `${counts.date_time} date-times as the API writes them, in ${output}\n`);
