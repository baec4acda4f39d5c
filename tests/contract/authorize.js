#!/usr/bin/env node
// Runs `woovisma ... auth visma` against the sandbox and plays the user's part: opens the
// address woovisma prints (the sandbox's identity emulator approves at once and redirects) and
// pastes the address it was redirected to. Exits with woovisma's status; 1 when the flow could not
// be played. Neither the addresses nor the code are printed.
//
// Usage: node authorize.js WOOVISMA [GLOBAL OPTIONS...]     (auth visma is appended)
'use strict';

const { spawn } = require('child_process');
const http = require('http');
const https = require('https');

const [program, ...global_options] = process.argv.slice(2);
if (!program) {
  process.stderr.write('usage: node authorize.js WOOVISMA [GLOBAL OPTIONS...]\n');
  process.exit(2);
}

const child = spawn(program, [...global_options, 'auth', 'visma'], { stdio: ['pipe', 'pipe', 'inherit'] });
const timer = setTimeout(() => {
  process.stderr.write('authorize: woovisma auth visma did not finish within 60 s\n');
  child.kill('SIGTERM');
}, 60000);

let pending = '';
let answered = false;
child.stdout.on('data', chunk => {
  pending += chunk.toString('utf8');
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    const address = /^\s+(https?:\/\/\S+)\s*$/.exec(line);
    if (address && !answered) {
      answered = true;
      process.stdout.write('  <the authorization address>\n');
      approve(address[1]);
    } else {
      process.stdout.write(`${line}\n`);
    }
  }
});

// The identity emulator answers the authorization address with a redirect carrying the code.
function approve(address) {
  const client = address.startsWith('https:') ? https : http;
  const request = client.get(address, response => {
    response.resume();
    const location = response.headers.location;
    if (response.statusCode < 300 || response.statusCode > 399 || !location) {
      process.stderr.write(`authorize: the identity server answered ${response.statusCode} without a redirect\n`);
      child.kill('SIGTERM');
      return;
    }
    child.stdin.end(`${new URL(location, address).href}\n`);
  });
  request.on('error', error => {
    process.stderr.write(`authorize: the identity server could not be reached: ${error.message}\n`);
    child.kill('SIGTERM');
  });
}

child.on('exit', (code, signal) => {
  clearTimeout(timer);
  process.exit(code === null ? 1 : code);
});
