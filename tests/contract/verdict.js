#!/usr/bin/env node
// Decides whether a phase of the contract check passed: reads what the recorders wrote (one JSON
// line per exchange, see recorder.js) and what the Prism proxies logged, prints a summary and the
// offending requests, and exits 0 (no request or response broke the published schemas) or 1.
//
// Usage: node verdict.js --phase NAME --record API=FILE ... --prism-log API=FILE[@OFFSET] ...
//                        [--min-requests N] [--summary-json FILE]
// --min-requests fails an API through whose proxy fewer requests went (a pass that bypassed the
// proxies, or stopped before reaching them, must not look clean).
//
// An exchange offends when Prism answered it with a problem document of its own (422: the request
// broke the schema; 500 with a validation list: the emulator's response broke it, which is what
// `prism proxy --errors` turns an error-level response violation into; 500 FetchError: the
// response was not the JSON it claimed to be; 404/405: the route is not in the spec; 401: the
// request does not meet the spec's security scheme), or when any violation of severity Error
// came back in the sl-violations header. Warnings (e.g. an error status the spec does not list;
// Visma's document lists only the success status of most operations) are counted and shown but
// do not fail the check.
//
// Prism's own log is read independently: every line it logs at level error or fatal fails the
// phase too, and the number of requests Prism says it received must equal the number recorded,
// so neither source can silently miss an exchange.
'use strict';

const fs = require('fs');

function parse_args(argv) {
  const options = { record: [], 'prism-log': [] };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) fail_usage(`${argv[i]} needs a value`);
    if (Array.isArray(options[name])) options[name].push(value);
    else options[name] = value;
  }
  if (!options.phase) fail_usage('--phase is required');
  return options;
}

function fail_usage(message) {
  process.stderr.write(`verdict.js: ${message}\n`);
  process.exit(2);
}

function split_pair(text) {
  const at = text.indexOf('=');
  if (at <= 0) fail_usage(`expected API=FILE, got ${text}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function read_records(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(line => line.trim() !== '').map(line => {
    try {
      return JSON.parse(line);
    } catch (_) {
      return { method: '?', path: '?', error: `unreadable record line: ${line.slice(0, 200)}` };
    }
  });
}

// Prism logs through signale: "[4:24:40 PM] › [HTTP SERVER] post /v2/customers ✖  error     Request
// terminated with error: ...". Colours are stripped in case a terminal forced them on.
const kAnsi = /\u001b\[[0-9;]*[A-Za-z]/g;
const kLevel = /\s(error|fatal|warning|info|start|success|debug|note|awaiting)\s{2,}(.*)$/;
const kRequestPrefix = /\[HTTP SERVER\] ([a-z]+) (\S+) /;

function read_prism_log(spec) {
  const at = spec.lastIndexOf('@');
  const file = at > 0 ? spec.slice(0, at) : spec;
  const offset = at > 0 ? Number(spec.slice(at + 1)) : 0;
  const text = fs.existsSync(file) ? fs.readFileSync(file).subarray(offset).toString('utf8') : '';
  const result = { received: 0, errors: [], warnings: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(kAnsi, '');
    const level = kLevel.exec(line);
    if (!level) continue;
    const request = kRequestPrefix.exec(line);
    const where = request ? `${request[1].toUpperCase()} ${request[2]}` : '';
    const message = scrub(level[2].trim());
    if (level[1] === 'info' && message === 'Request received') result.received += 1;
    if (level[1] === 'error' || level[1] === 'fatal') result.errors.push({ where, message });
    if (level[1] === 'warning') result.warnings.push({ where, message });
  }
  return result;
}

// Prism's log names upstream URLs; their query strings could carry keys, so they never get printed.
function scrub(text) {
  return text.replace(/(https?:\/\/[^\s?"]*)\?[^\s"]*/g, '$1?…');
}

const { kVismaDateTime, kWordPressDateTime } = require('./adjust-document.js');

function describe_violation(v) {
  const where = Array.isArray(v.location) && v.location.length ? `${v.location.join('.')}: ` : '';
  const message = String(v.message)
    .replace(`must match pattern "${kVismaDateTime}"`,
             'must be a date or date-time as Visma reads them (2026-11-24 or 2026-11-24T00:00:00, optionally with an offset)')
    .replace(`must match pattern "${kWordPressDateTime}"`,
             'must be a date-time as WordPress reads them (2026-11-24T14:33:49, optionally with an offset)');
  return `${where}${message}`;
}

// The first few violations say what is wrong; a response missing a whole object can have dozens.
const kViolationsShown = 6;
function describe_all(violations) {
  const shown = violations.slice(0, kViolationsShown).map(describe_violation).join('; ');
  const more = violations.length - kViolationsShown;
  return more > 0 ? `${shown}; … and ${more} more (see the record)` : shown;
}

function offence_of(record) {
  if (record.error) return record.error;
  const problem = record.problem;
  if (problem) {
    const validation = Array.isArray(problem.validation) ? problem.validation : [];
    const details = validation.length
      ? describe_all(validation)
      : (problem.detail || problem.type || '');
    return `${record.status} ${problem.title || 'problem'}${details ? `: ${details}` : ''}`;
  }
  const errors = (record.violations || []).filter(v => v.severity === 'Error');
  if (errors.length) return `${record.status} with violations: ${describe_all(errors)}`;
  return null;
}

const options = parse_args(process.argv.slice(2));
const min_requests = Number(options['min-requests'] || 0);
const apis = new Map();
function api(name) {
  if (!apis.has(name)) apis.set(name, { records: [], log: null });
  return apis.get(name);
}
for (const spec of options.record) {
  const [name, file] = split_pair(spec);
  api(name).records.push(...read_records(file));
}
for (const spec of options['prism-log']) {
  const [name, file] = split_pair(spec);
  api(name).log = read_prism_log(file);
}

const summary = { phase: options.phase, passed: true, apis: {}, offences: [], warnings: [] };
const print = line => process.stdout.write(`contract-check: ${line}\n`);

for (const [name, { records, log }] of apis) {
  const offences = [];
  const warnings = new Map();
  for (const record of records) {
    const what = `${name} ${record.method} ${record.path}` +
      (record.query_names && record.query_names.length ? `?${record.query_names.join('&')}` : '');
    const offence = offence_of(record);
    if (offence) offences.push({ api: name, request: what, offence, kind: 'violation' });
    for (const v of record.violations || []) {
      if (v.severity === 'Error') continue;
      const key = `${record.method} ${record.path} -> ${record.status}: ${describe_violation(v)}`;
      warnings.set(key, (warnings.get(key) || 0) + 1);
    }
  }
  // Each problem Prism generates is also one error line in its log; more error lines than
  // offending exchanges means something failed that the record does not show, so all are listed.
  const log_errors = log ? log.errors : [];
  if (log_errors.length > offences.length) {
    for (const e of log_errors) {
      offences.push({ api: name, request: `${name} ${e.where || '(no request)'}`, offence: `Prism logged: ${e.message}`, kind: 'violation' });
    }
  }
  if (records.length < min_requests) {
    offences.push({
      api: name, request: `${name} (all)`,
      offence: `only ${records.length} request(s) went through this proxy, fewer than ${min_requests}: the phase proves nothing about ${name}`,
      kind: 'setup',
    });
  }
  if (log && log.received !== records.length) {
    offences.push({
      api: name, request: `${name} (all)`,
      offence: `Prism logged ${log.received} requests received but ${records.length} exchanges were recorded`,
      kind: 'setup',
    });
  }
  summary.apis[name] = {
    requests: records.length, offences: offences.length,
    prism_log: log ? { received: log.received, errors: log_errors.length, warnings: log.warnings.length } : null,
  };
  summary.offences.push(...offences);
  for (const [key, count] of warnings) summary.warnings.push({ api: name, warning: key, count });

  const violations = offences.filter(o => o.kind === 'violation').length;
  print(`${options.phase}: ${name}: ${records.length} requests, ${violations} violations` +
    (warnings.size ? `, ${[...warnings.values()].reduce((a, b) => a + b, 0)} warnings` : '') +
    (log ? ` (Prism log: ${log.received} received, ${log_errors.length} errors)` : ''));
}

for (const w of summary.warnings) print(`  warning: ${w.api} ${w.warning}${w.count > 1 ? ` (${w.count}x)` : ''}`);
if (summary.offences.length) {
  summary.passed = false;
  print(`${options.phase}: FAILED: ${summary.offences.length} finding(s):`);
  // A request that is retried offends each time; one line per distinct finding, with a count.
  const distinct = new Map();
  for (const o of summary.offences) {
    const key = `${o.request}: ${o.offence}`;
    distinct.set(key, (distinct.get(key) || 0) + 1);
  }
  for (const [line, count] of distinct) print(`  ${line}${count > 1 ? ` (${count}x)` : ''}`);
}
if (options['summary-json']) fs.writeFileSync(options['summary-json'], JSON.stringify(summary, null, 2) + '\n');
process.exit(summary.passed ? 0 : 1);
