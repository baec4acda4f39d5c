#!/usr/bin/env node
// A transparent HTTP recorder in front of one Prism proxy: woovisma talks to it, it passes every
// request through to Prism unchanged and writes one JSON line per exchange with what Prism
// decided (status, the violations of the sl-violations header, the problem document Prism
// generated). Prism's own log says that a request was refused but not why, and cannot tie a
// warning to its request when requests overlap; this record can.
//
// Usage: node recorder.js --api NAME --target http://127.0.0.1:PRISM_PORT --log FILE --port-file FILE
//                         [--tls-cert CERT.pem --tls-key KEY.pem]
//
// Listens on a free port of 127.0.0.1 (https with --tls-cert and --tls-key, so that woovisma talks
// to it as to a real shop) and writes the port to --port-file (atomically) once accepting.
// Each exchange is appended to --log as it completes, so the file can be renamed between phases
// of a run (the next exchange starts a new file). Only the method, the path and the names of the
// query parameters are recorded: never header or query values, never bodies other than Prism's
// own problem documents, so no secret reaches the record.
'use strict';

const fs = require('fs');
const http = require('http');
const https = require('https');

function parse_args(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) usage(`bad argument ${name}`);
    options[name.slice(2)] = value;
  }
  for (const required of ['api', 'target', 'log', 'port-file']) {
    if (!options[required]) usage(`--${required} is required`);
  }
  return options;
}

function usage(message) {
  process.stderr.write(`recorder.js: ${message}\n` +
    'usage: node recorder.js --api NAME --target URL --log FILE --port-file FILE [--tls-cert F --tls-key F]\n');
  process.exit(2);
}

const options = parse_args(process.argv.slice(2));
const target = new URL(options.target);
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
// Prism's problem documents are small; anything larger than this is not one of them.
const kMaxProblemBytes = 256 * 1024;
// Headers that belong to one connection, or that would make Prism wait for a second round trip.
const kHopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding',
  'upgrade', 'te', 'trailer', 'expect']);

function record(entry) {
  if (entry.recorded) return;  // an exchange that fails twice is recorded once
  entry.recorded = true;
  const { recorded, ...line } = entry;
  fs.appendFileSync(options.log, JSON.stringify(line) + '\n');
}

function split_url(raw) {
  const url = new URL(raw, 'http://recorder.invalid');
  return { path: url.pathname, query_names: [...new Set(url.searchParams.keys())] };
}

// The sl-violations header is JSON, or "Too many violations! " and a truncated JSON prefix.
function parse_violations(header) {
  if (!header) return [];
  try {
    const list = JSON.parse(header);
    return Array.isArray(list) ? list : [{ severity: 'Error', message: `sl-violations: ${header}` }];
  } catch (_) {
    return [{ severity: 'Error', message: `sl-violations (unparsed): ${header.slice(0, 500)}` }];
  }
}

function handle(request, response) {
  const started = process.hrtime.bigint();
  const { path, query_names } = split_url(request.url);
  const entry = { api: options.api, method: request.method, path, query_names };

  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!kHopByHop.has(name)) headers[name] = value;
  }
  headers.host = target.host;

  const upstream = http.request({
    agent, host: target.hostname, port: target.port, method: request.method, path: request.url,
    headers,
  }, prism_response => {
    entry.status = prism_response.statusCode;
    entry.violations = parse_violations(prism_response.headers['sl-violations']);
    const content_type = String(prism_response.headers['content-type'] || '');
    // Prism answers application/problem+json only for what it generated itself; neither API
    // emulated here uses that media type.
    const is_problem = content_type.startsWith('application/problem+json');
    const response_headers = { ...prism_response.headers };
    for (const name of Object.keys(response_headers)) {
      if (kHopByHop.has(name)) delete response_headers[name];
    }
    response.writeHead(prism_response.statusCode, prism_response.statusMessage, response_headers);
    const problem_chunks = [];
    let problem_bytes = 0;
    prism_response.on('data', chunk => {
      if (is_problem && problem_bytes < kMaxProblemBytes) {
        problem_chunks.push(chunk);
        problem_bytes += chunk.length;
      }
      response.write(chunk);
    });
    prism_response.on('end', () => {
      response.end();
      if (is_problem) entry.problem = parse_problem(Buffer.concat(problem_chunks).toString('utf8'));
      entry.ms = Number((process.hrtime.bigint() - started) / 1000000n);
      record(entry);
    });
    prism_response.on('error', error => {
      entry.error = `response from Prism broken off: ${error.message}`;
      record(entry);
      response.destroy();
    });
  });
  upstream.on('error', error => {
    entry.error = `Prism unreachable: ${error.message}`;
    record(entry);
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`contract recorder: ${entry.error}\n`);
    } else {
      response.destroy();
    }
  });
  request.pipe(upstream);
}

const server = options['tls-cert']
  ? https.createServer({ cert: fs.readFileSync(options['tls-cert']), key: fs.readFileSync(options['tls-key']) }, handle)
  : http.createServer(handle);

function parse_problem(text) {
  try {
    const problem = JSON.parse(text);
    return {
      type: problem.type, title: problem.title, status: problem.status,
      detail: problem.detail, validation: problem.validation,
    };
  } catch (_) {
    return { title: 'unparsable problem document', detail: text.slice(0, 500) };
  }
}

server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => {
  const temporary = `${options['port-file']}.tmp.${process.pid}`;
  fs.writeFileSync(temporary, `${server.address().port}\n`);
  fs.renameSync(temporary, options['port-file']);
});

function stop() {
  server.close();
  agent.destroy();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
