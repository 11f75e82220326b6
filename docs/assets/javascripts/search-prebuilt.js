/* Search ready at once: the search worker assembles its lunr index from counts made at build time.
 *
 * Material's worker builds its lunr index from the documents on every page load, about a second
 * of work, most of it tokenizing the HTML. tools/site/search_prebuilt.py tokenizes when the site
 * is built and writes search/lunr_index.js: every term, its number, and how often it occurs in
 * each field of each document, packed into strings (base64 varints; unpack()). The patched
 * worker (tools/site/search_patch.py, "prebuilt lunr index" entries) imports that file and this
 * one as soon as it starts, then calls load() when the documents arrive, which assembles the
 * same lunr.Index the worker would have built (same postings, same scores, computed here with
 * lunr's formula and lunr.idf; the token set replaced by termSet()). When the file is missing,
 * unreadable or made from other documents, load() returns null and the worker builds the index
 * as before.
 *
 * The counts carry no term positions. Positions only serve to highlight matches, so positions()
 * finds them for the results of each query by running the worker's own tokenizer on the
 * result's fields, which also fills the worker's highlight table for that document exactly as
 * indexing would have. answer() does that first only for the results rendered at once.
 *
 * performance.mark("hb:…") calls are read by tests/bench/bench_search_ready.py --breakdown.
 */
(function () {
  "use strict";

  // Same documents as at build time: their number and total title + text length (UTF-16 units).
  function sameDocuments(stamp, docs) {
    if (stamp.docs !== docs.length) return false;
    var length = 0;
    for (var i = 0; i < docs.length; i++) {
      length += String(docs[i].title || "").length + String(docs[i].text || "").length;
    }
    return length === stamp.length;
  }

  var K1 = 1.2; // lunr's default; Material's worker sets b to 0, so field lengths do not count


  // A trie of the sorted terms, as lunr.TokenSet nodes. lunr's own fromArray also merges equal
  // suffixes, which costs more than the rest of the loading and changes no query's matches.
  function tokenSet(terms) {
    var root = new lunr.TokenSet(), path = [root], previous = "";
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], common = 0;
      while (common < term.length && common < previous.length && term[common] === previous[common]) common++;
      path.length = common + 1;
      for (var i = common; i < term.length; i++) {
        var node = new lunr.TokenSet();
        path[i].edges[term[i]] = node;
        path.push(node);
      }
      path[term.length].final = true;
      previous = term;
    }
    return root;
  }

  // Stands in for the index's lunr.TokenSet, of which lunr.Index#query only calls
  // intersect(clause).toArray() to find the terms a query clause matches. Building the trie of
  // all terms took most of the assembly time; Material's clauses are whole terms ("编码") or
  // prefixes ("编码*"), found here by binary search in the sorted terms (JavaScript compares
  // strings by UTF-16 code units, the order they are sorted in). The answer is a trie of just
  // the terms found, which lists them in the order the full trie's intersection would. Any other
  // clause (a wildcard elsewhere, an edit distance) goes to the full trie, built on first use.
  function termSet(terms, has) {
    var full = null;
    return {
      intersect: function (clause) {
        var found = matches(terms, has, clause);
        if (found) return tokenSet(found);
        return (full = full || tokenSet(terms)).intersect(clause);
      },
    };
  }

  // The sorted terms a clause automaton (lunr.TokenSet.fromString) accepts when it is a chain of
  // letters, or a chain ending in a "*" loop; null for any other shape.
  function matches(terms, has, clause) {
    var prefix = "", node = clause;
    for (;;) {
      var keys = Object.keys(node.edges);
      if (keys.length === 0) return node.final ? (has(prefix) ? [prefix] : []) : null;
      if (keys.length !== 1) return null;
      var key = keys[0], next = node.edges[key];
      if (key === "*") return next === node && node.final ? withPrefix(terms, prefix) : null;
      if (node.final) return null;
      prefix += key;
      node = next;
    }
  }

  function withPrefix(terms, prefix) {
    var low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (terms[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    var found = [];
    while (low < terms.length && terms[low].startsWith(prefix)) found.push(terms[low++]);
    return found;
  }

  // The lunr.Index that lunr.Builder#build makes from these documents, from the counts instead of
  // from tokens. A term's posting and a field's vector are made when a query first reads them,
  // through Proxies: most are never asked for, and making all of them took most of the time.
  // Unsigned LEB128 integers from base64 (tools/site/search_prebuilt.py, varints()).
  function varints(base64, count) {
    var bytes = atob(base64), out = new Uint32Array(count), n = 0, value = 0, shift = 0;
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes.charCodeAt(i);
      value |= (byte & 0x7f) << shift; // 32 bits at most: the largest number is a term's (< 2^21 here)
      if (byte & 0x80) {
        shift += 7;
      } else {
        out[n++] = value >>> 0;
        value = 0;
        shift = 0;
      }
    }
    if (n !== count) throw new Error("search/lunr_index.js: " + n + " numbers where " + count + " were expected");
    return out;
  }

  // The packed counts (search_prebuilt.packed()): terms, their numbers, and the vectors as one
  // array of (position in terms, count) pairs with offsets: vector k is pairs[at[k]..at[k + 1]).
  function unpack(prebuilt, nVectors) {
    var terms = prebuilt.terms ? prebuilt.terms.split(" ") : [];
    var sizes = varints(prebuilt.sizes, nVectors), at = new Uint32Array(nVectors + 1);
    for (var k = 0; k < nVectors; k++) at[k + 1] = at[k] + 2 * sizes[k];
    return {
      terms: terms,
      numbers: varints(prebuilt.numbers, terms.length),
      pairs: varints(prebuilt.pairs, at[nVectors]),
      at: at,
    };
  }

  function assemble(prebuilt, config, docs) {
    var fields = Object.keys(config.fields), nFields = fields.length;
    var unpacked = unpack(prebuilt, docs.length * nFields);
    var terms = unpacked.terms, numbers = unpacked.numbers, pairs = unpacked.pairs, at = unpacked.at;
    var nTerms = terms.length, nDocs = docs.length, nVectors = nDocs * nFields;
    // Postings as flat arrays: for term t and field f, the documents in docs order.
    var starts = new Uint32Array(nTerms * nFields + 1), withTerm = new Uint32Array(nTerms);
    var k, j;
    for (k = 0; k < nVectors; k++) {
      for (j = at[k]; j < at[k + 1]; j += 2) starts[pairs[j] * nFields + (k % nFields) + 1]++;
    }
    for (k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
    var filled = starts.slice(0, -1), documents = new Uint32Array(starts[starts.length - 1]);
    for (k = 0; k < nVectors; k++) {
      for (j = at[k]; j < at[k + 1]; j += 2) {
        documents[filled[pairs[j] * nFields + (k % nFields)]++] = (k / nFields) | 0;
        withTerm[pairs[j]]++;
      }
    }
    // A field's vector (lunr.idf and the builder's score with b = 0, operation for operation).
    var docNumber = new Map(), fieldNumber = new Map();
    docs.forEach(function (doc, d) { docNumber.set(doc.location, d); });
    fields.forEach(function (field, f) { fieldNumber.set(field, f); });
    function fieldVector(fieldRef) {
      var slash = fieldRef.indexOf("/");
      var f = fieldNumber.get(fieldRef.slice(0, slash)), d = docNumber.get(fieldRef.slice(slash + 1));
      if (slash < 0 || f === undefined || d === undefined) return undefined;
      var fieldBoost = config.fields[fields[f]].boost || 1, docBoost = docs[d].boost || 1, elements = [];
      for (var k = d * nFields + f, j = at[k]; j < at[k + 1]; j += 2) {
        var tf = pairs[j + 1], n = withTerm[pairs[j]];
        var idf = Math.log(1 + Math.abs((nDocs - n + 0.5) / (n + 0.5)));
        var score = idf * ((K1 + 1) * tf) / (K1 * 1 + tf);
        score *= fieldBoost;
        score *= docBoost;
        elements.push(numbers[pairs[j]], Math.round(score * 1000) / 1000);
      }
      return new lunr.Vector(elements);
    }
    var positionOf = new Map();
    for (var t = 0; t < nTerms; t++) positionOf.set(terms[t], t);
    var made = Object.create(null);
    function posting(term) {
      var t = positionOf.get(term);
      var result = Object.create(null);
      result._index = numbers[t];
      for (var f = 0; f < nFields; f++) {
        var docsOfField = (result[fields[f]] = Object.create(null));
        for (var i = starts[t * nFields + f]; i < starts[t * nFields + f + 1]; i++) {
          docsOfField[docs[documents[i]].location] = Object.create(null);
        }
      }
      return result;
    }
    var invertedIndex = new Proxy(made, {
      get: function (target, term) {
        if (typeof term !== "string" || !positionOf.has(term)) return undefined;
        return target[term] || (target[term] = posting(term));
      },
      has: function (target, term) { return positionOf.has(term); },
      ownKeys: function () { return terms.slice(); },
      getOwnPropertyDescriptor: function (target, term) {
        var found = invertedIndex[term];
        return found && { value: found, writable: true, enumerable: true, configurable: true };
      },
    });
    function getVector(target, fieldRef) {
      if (typeof fieldRef !== "string") return undefined;
      return target[fieldRef] || (target[fieldRef] = fieldVector(fieldRef));
    }
    // A query of prohibited terms only ("-x") lists every field vector, in the builder's order.
    function allFieldRefs() {
      var refs = [];
      for (var d = 0; d < nDocs; d++) for (var f = 0; f < nFields; f++) refs.push(fields[f] + "/" + docs[d].location);
      return refs;
    }
    var fieldVectors = new Proxy(Object.create(null), {
      get: getVector,
      has: function (target, fieldRef) { return getVector(target, fieldRef) !== undefined; },
      ownKeys: allFieldRefs,
      getOwnPropertyDescriptor: function (target, fieldRef) {
        var vector = getVector(target, fieldRef);
        return vector && { value: vector, writable: true, enumerable: true, configurable: true };
      },
    });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: termSet(terms, function (term) { return positionOf.has(term); }),
      fields: fields,
      pipeline: new lunr.Pipeline(),
    });
  }

  // Marks on the worker's timeline for tests/bench/bench_search_ready.py (cheap; nothing reads
  // them in normal use).
  function mark(name) {
    if (self.performance && performance.mark) performance.mark("hb:" + name);
  }

  function load(config, docs, tokenize, worker) {
    mark("load");
    var prebuilt = self.__hbLunrIndex;
    self.__hbLunrIndex = undefined;
    if (!prebuilt) return null;
    if (!sameDocuments(prebuilt, docs)) {
      console.warn("search: search/lunr_index.js was built from other documents; building the index here");
      return null;
    }
    lunr.tokenizer.separator = new RegExp(config.separator);
    var index;
    try {
      index = assemble(prebuilt, config, docs);
    } catch (error) {
      console.warn("search: search/lunr_index.js cannot be read (" + error.message + "); building the index here");
      return null;
    }
    worker.__hbTokenize = tokenize;
    worker.__hbDocs = new Map(docs.map(function (doc) { return [doc.location, doc]; }));
    worker.__hbTerms = new Map();
    mark("assembled");
    return index;
  }

  // term -> positions of that term in one field of one document, as lunr's builder records them.
  function termPositions(worker, ref, field) {
    var key = ref + ":" + field;
    var known = worker.__hbTerms.get(key);
    if (known) return known;
    var byTerm = new Map();
    var doc = worker.__hbDocs.get(ref);
    if (doc && typeof doc[field] !== "undefined") {
      lunr.tokenizer.table = [];
      var tokens = worker.__hbTokenize(doc[field]);
      worker.table.set(key, lunr.tokenizer.table);
      tokens.forEach(function (token) {
        var term = token.toString();
        if (!byTerm.has(term)) byTerm.set(term, []);
        byTerm.get(term).push(token.metadata.position);
      });
    }
    worker.__hbTerms.set(key, byTerm);
    return byTerm;
  }

  // Adds the position metadata the worker's highlighter reads to each result of a prebuilt index:
  // to every result, or (while answer() runs) only to those in worker.__hbHighlight, a Set of
  // refs; the others get none and are shown without highlighting.
  function positions(worker, results) {
    if (!worker.__hbTokenize) return results;
    mark("positions");
    var only = worker.__hbHighlight;
    results.forEach(function (result) {
      var metadata = result.matchData.metadata, wanted = !only || only.has(result.ref);
      Object.keys(metadata).forEach(function (term) {
        Object.keys(metadata[term]).forEach(function (field) {
          metadata[term][field].position = wanted ? termPositions(worker, result.ref, field).get(term) || [] : [];
        });
      });
    });
    mark("positioned");
    return results;
  }

  // Material renders the first SHOWN results (pages) at once and the rest when the list is
  // scrolled to its end (bundle: items.slice(0, 10), then groups of 4).
  var SHOWN = 10;
  var COMPLETE_AFTER_MS = 100;
  var answered = 0; // queries answered so far; a later one cancels the completion of an earlier one

  // The worker's answer to a query, with the query it answers (hbQuery: the page drops an answer
  // to a query it has since replaced, search-latest.js). With a prebuilt index, finding term
  // positions for every result took most of the search time, and only the first SHOWN pages are
  // rendered at once: ranking does not depend on positions, so a first pass without any finds
  // those pages, the answer highlights only them (hbPartial), and the complete answer, the same
  // results all highlighted, follows in a second message unless another query came first.
  function answer(worker, query) {
    var number = ++answered;
    if (!worker.__hbTokenize) return tagged(worker.search(query), query, false);
    var first;
    try {
      first = remembering(worker.index, function () {
        worker.__hbHighlight = new Set();
        var items = worker.search(query).items;
        if (items.length <= SHOWN) {
          worker.__hbHighlight = null;
          return tagged(worker.search(query), query, false);
        }
        var shown = new Set();
        items.slice(0, SHOWN).forEach(function (group) { group.forEach(function (doc) { shown.add(doc.location); }); });
        worker.__hbHighlight = shown;
        return tagged(worker.search(query), query, true);
      });
    } finally {
      worker.__hbHighlight = null;
    }
    if (first.hbPartial) {
      // Later than the first answer's delivery: from file:// the worker runs on the page's
      // thread (iframe-worker.js), and the page must render the first answer before this runs.
      setTimeout(function () {
        if (number === answered) self.postMessage({ type: 3, data: tagged(worker.search(query), query, false) });
      }, COMPLETE_AFTER_MS);
    }
    return first;
  }

  function tagged(data, query, partial) {
    data.hbQuery = query;
    if (partial) data.hbPartial = true;
    return data;
  }

  // Runs searches() with the index's search remembering its last query's results, so that the
  // passes of answer() query lunr once; the index's own method is back afterwards.
  function remembering(index, searches) {
    var search = index.search, lastQuery, lastResults;
    index.search = function (query) {
      if (query !== lastQuery) {
        lastQuery = query;
        lastResults = search.call(index, query);
      }
      return lastResults;
    };
    try {
      return searches();
    } finally {
      delete index.search;
    }
  }

  self.__hbPrebuilt = { load: load, positions: positions, assemble: assemble, answer: answer, termSet: termSet };
})();
