#!/usr/bin/env node
// tsc compiles each rule folder's rule.ts to build/lib/rules/<id>/rule.js but leaves its examples
// behind; copy broken.yaml and fixed.yaml beside the compiled module, where lib/rules/examples.ts
// reads them (the same relative path as in the sources), so the package carries them too.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'lib', 'rules');
const to = path.join(root, 'build', 'lib', 'rules');
for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const file of ['broken.yaml', 'fixed.yaml']) {
    const source = path.join(from, entry.name, file);
    if (!fs.existsSync(source)) continue;
    fs.mkdirSync(path.join(to, entry.name), { recursive: true });
    fs.copyFileSync(source, path.join(to, entry.name, file));
  }
}
