// Stand-in for js-yaml's `!!js/function` type, which builds functions with
// `new Function`. Only the unsafe full schema uses it; this one never matches.
'use strict';
var Type = require('js-yaml/lib/js-yaml/type');
module.exports = new Type('tag:yaml.org,2002:js/function', {
  kind: 'scalar',
  resolve: function () { return false; },
  construct: function () { return undefined; },
  predicate: function () { return false; },
  represent: function () { return ''; },
});
