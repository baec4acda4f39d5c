#!/usr/bin/env node
// Writes the copy of Visma's Swagger 2.0 document that Prism checks against: the published
// document with two adjustments to how Visma's API writes JSON, which its generator did not
// describe. Everything else (types, lengths, enums, required properties, paths) stays as published.
//
// 1. Optional properties may be null. The document is generated from .NET models without
//    nullability (it has no x-nullable anywhere), while the API answers null for every optional
//    value that is not set ("Address2": null, "TermsOfPaymentId": null, ...). Required properties
//    stay non-null.
// 2. A date-time may come without a UTC offset. The API writes its dates as local date-times
//    without one ("InvoiceDate": "2026-11-24T00:00:00"); Prism's "date-time" demands an offset.
//    A bare date ("2026-11-24") is still refused: a client should send dates in the form the API
//    itself uses.
//
// Read literally, the document would refuse what the API itself sends, and a check failing on the
// real API's behaviour would push the emulator away from it.
//
// Usage: node visma-document.js IN.json OUT.json
'use strict';

const fs = require('fs');

// RFC 3339's date-time with the offset optional; .NET writes up to 7 fractional digits.
const kVismaDateTime = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d' +
  '(\\.\\d{1,7})?(Z|[+-]\\d{2}:\\d{2})?$';
// verdict.js names this pattern in words when a value breaks it.
module.exports = { kVismaDateTime };
if (require.main !== module) return;

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node visma-document.js IN.json OUT.json\n');
  process.exit(2);
}

const document = JSON.parse(fs.readFileSync(input, 'utf8'));
let nullable_count = 0;
let date_time_count = 0;

function nullable(property) {
  if (typeof property.type === 'string') {
    // Prism reads x-nullable as "this type or null" (and adds null to an enum).
    property['x-nullable'] = true;
    nullable_count += 1;
    return property;
  }
  if (property.$ref) {
    // A referenced object: x-nullable needs a type beside it, so say it as a choice.
    const { $ref, ...annotations } = property;
    nullable_count += 1;
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
  if (node.type === 'string' && node.format === 'date-time') {
    delete node.format;
    node.pattern = kVismaDateTime;
    date_time_count += 1;
  }
  if (node.properties && typeof node.properties === 'object' && !Array.isArray(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(node.properties)) {
      if (property && typeof property === 'object' && !required.has(name)) {
        node.properties[name] = nullable(property);
      }
    }
  }
  for (const value of Object.values(node)) visit(value);
}

visit(document.definitions || {});
visit(document.paths || {});
fs.writeFileSync(output, JSON.stringify(document));
process.stderr.write(`visma-document: ${nullable_count} optional properties may be null, ` +
  `${date_time_count} date-times may lack an offset, in ${output}\n`);
