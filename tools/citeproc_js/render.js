#!/usr/bin/env node
// Reference renderer: renders CSL-JSON items with citeproc-js (the engine
// inside Zotero) so that glossaire's engine (pandoc's citeproc) can be
// compared against it.
//
// Input (JSON on stdin):
//   {
//     "style":  "/path/to/style.csl",
//     "locale": "/path/to/locales-fr-FR.xml",
//     "items":  [ CSL-JSON items ],
//     "cites":  [ {"id": "...", "locator": "111", "label": "page"}, ... ],
//     "format": "text" | "html",        (default "text")
//     "raw":    false                   (optional, see below)
//   }
//
// Output (JSON on stdout):
//   {"citations": [one string per cite], "bibliography": [entries],
//    "bibliography_ids": [item id of each entry, same order]}
//
// * Every cite is rendered alone, as its own citation cluster
//   (makeCitationCluster: no position tracking, no "ibid.").
// * All items are registered (in input order) before rendering, so the
//   bibliography holds every item, sorted by the style, and disambiguation
//   sees all items.
// * The language is forced to the locale file's xml:lang (e.g. fr-FR).
//   citeproc-js always loads en-US too, as a fallback for missing terms;
//   it is read from locales-en-US.xml in the same folder as "locale"
//   (tools/citeproc_js/locales has both, as pandoc embeds them). If that file
//   is missing, the given locale file is reused for en-US.
// * Items are used as given: for html they are not escaped beforehand,
//   citeproc-js escapes the data itself (as pandoc does).
// * Unless "raw" is true, bibliography entries are unwrapped: the trailing
//   newline of each entry is removed and, in html, the enclosing
//   <div class="csl-entry">...</div> is stripped, so that entries compare
//   directly with glossaire's strings. Citations are never modified.
//
// No network access: style and locales are read from local files only.
'use strict';

const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

function readStdin() {
  return fs.readFileSync(0, 'utf8');
}

function localeLang(xml) {
  const m = /<locale\b[^>]*\bxml:lang="([^"]+)"/.exec(xml);
  return m ? m[1] : null;
}

function unwrapEntry(entry, format) {
  let s = entry.replace(/\n$/, '');
  if (format === 'html') {
    const m = /^\s*<div class="csl-entry">([\s\S]*)<\/div>\s*$/.exec(s);
    if (m) s = m[1];
  }
  return s;
}

function render(spec) {
  const format = spec.format || 'text';
  if (format !== 'text' && format !== 'html') {
    throw new Error(`unsupported format: ${format}`);
  }
  for (const key of ['style', 'locale']) {
    if (typeof spec[key] !== 'string') throw new Error(`"${key}" must be a file path`);
  }
  const styleXml = fs.readFileSync(spec.style, 'utf8');
  const localeXml = fs.readFileSync(spec.locale, 'utf8');
  const lang = localeLang(localeXml) || 'fr-FR';
  const localeDir = path.dirname(spec.locale);

  const locales = { [lang]: localeXml };
  const items = {};
  const ids = [];
  for (const item of spec.items || []) {
    const id = String(item.id);
    items[id] = Object.assign({}, item, { id });
    ids.push(id);
  }

  const sys = {
    retrieveLocale(l) {
      if (locales[l] === undefined) {
        const f = path.join(localeDir, `locales-${l}.xml`);
        locales[l] = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : false;
        if (locales[l] === false && l === 'en-US') locales[l] = localeXml;
      }
      return locales[l];
    },
    retrieveItem(id) {
      const it = items[String(id)];
      if (!it) throw new Error(`unknown item id: ${id}`);
      return it;
    },
  };

  const engine = new CSL.Engine(sys, styleXml, lang, true);
  engine.setOutputFormat(format);
  engine.updateItems(ids);

  const citations = (spec.cites || []).map((c) => {
    const cite = Object.assign({}, c, { id: String(c.id) });
    return engine.makeCitationCluster([cite]);
  });

  let bibliography = [];
  let bibliographyIds = [];
  if (engine.bibliography !== undefined) {
    const bib = engine.makeBibliography();
    if (bib) {
      bibliography = spec.raw ? bib[1] : bib[1].map((e) => unwrapEntry(e, format));
      bibliographyIds = bib[0].entry_ids.map((ids) => String(ids[0]));
    }
  }
  return { citations, bibliography, bibliography_ids: bibliographyIds };
}

function main() {
  let spec;
  try {
    spec = JSON.parse(readStdin());
  } catch (e) {
    process.stderr.write(`render.js: invalid JSON on stdin: ${e.message}\n`);
    process.exit(2);
  }
  let out;
  try {
    out = render(spec);
  } catch (e) {
    process.stderr.write(`render.js: ${e.message || e}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (require.main === module) main();

module.exports = { render };
