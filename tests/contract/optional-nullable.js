#!/usr/bin/env node
// Writes a copy of a Swagger 2.0 document in which every optional property (one not listed in
// its object's `required`) may also be null. Everything else is left as published.
//
// Why: Visma's document is generated from its .NET models without nullability (it has no
// x-nullable anywhere), while the API answers null for every optional value that is not set
// ("Address2": null, "TermsOfPaymentId": null, ...), and the emulator does as the API does. Read
// literally, the document would reject those answers, and a check that fails on the real API's
// behaviour would push the emulator away from it. Required properties stay non-null, and every
// other constraint (types, formats, lengths, enums, required) stays as published.
//
// Usage: node optional-nullable.js IN.json OUT.json
'use strict';

const fs = require('fs');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node optional-nullable.js IN.json OUT.json\n');
  process.exit(2);
}

const document = JSON.parse(fs.readFileSync(input, 'utf8'));
let changed = 0;

function nullable(property) {
  if (typeof property.type === 'string') {
    // Prism reads x-nullable as "this type or null" (and adds null to an enum).
    property['x-nullable'] = true;
    changed += 1;
    return property;
  }
  if (property.$ref) {
    // A referenced object: x-nullable needs a type beside it, so say it as a choice.
    const { $ref, ...annotations } = property;
    changed += 1;
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
process.stderr.write(`optional-nullable: ${changed} optional properties may be null in ${output}\n`);
