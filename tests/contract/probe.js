#!/usr/bin/env node
// One HTTP request for the contract self-test (curl is not on a bare Debian 12, node is wherever
// Prism runs). Prints "STATUS CONTENT-TYPE" on one line and writes the response body to
// --body-out. Exits 0 when an answer came, 1 when none did.
//
// Usage: node probe.js METHOD URL --body-out FILE [--json BODY] [--bearer TOKEN | --basic USER:PASSWORD]
//                     [--ca CERT.pem]   (the certificate authority to trust for an https URL)
'use strict';

const fs = require('fs');
const http = require('http');
const https = require('https');

const [method, url, ...rest] = process.argv.slice(2);
const options = {};
for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, '')] = rest[i + 1];
if (!method || !url || !options['body-out']) {
  process.stderr.write('usage: node probe.js METHOD URL --body-out FILE [--json BODY] [--bearer TOKEN | --basic USER:PASSWORD]\n');
  process.exit(2);
}

const headers = { accept: 'application/json' };
if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
if (options.basic) headers.authorization = `Basic ${Buffer.from(options.basic).toString('base64')}`;
let body;
if (options.json !== undefined) {
  body = Buffer.from(options.json, 'utf8');
  headers['content-type'] = 'application/json';
  headers['content-length'] = body.length;
}

const secure = url.startsWith('https:');
const tls = secure && options.ca ? { ca: fs.readFileSync(options.ca) } : {};
const request = (secure ? https : http).request(url, { method, headers, timeout: 30000, ...tls }, response => {
  const chunks = [];
  response.on('data', chunk => chunks.push(chunk));
  response.on('end', () => {
    fs.writeFileSync(options['body-out'], Buffer.concat(chunks));
    process.stdout.write(`${response.statusCode} ${response.headers['content-type'] || '-'}\n`);
  });
});
request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
request.on('error', error => {
  process.stderr.write(`probe: ${method} ${url}: ${error.message}\n`);
  process.exit(1);
});
request.end(body);
