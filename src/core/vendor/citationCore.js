// The part of @citation-js/core that the BibTeX plugin's parser and mapper
// use: the grammar and translator utilities. The full core also brings a
// plugin registry and network fetching that LitNotes never uses; bundling
// this instead keeps the extension small (see esbuild.js).
'use strict';
const { Grammar } = require('@citation-js/core/lib/util/grammar.js');
const { Translator } = require('@citation-js/core/lib/util/translator.js');

module.exports = {
  util: { Grammar, Translator },
  // The parser's warnings about odd delimiters are already reported as problems by LitNotes.
  logger: { warn() {} },
};
