/* hb-glossary-query:start (tools/site/search_query.py prepends this to Material's search worker) */
// Rewrites a query before Material's worker handles it, with the glossary the build wrote into
// the search index's config (tools/site/search_terms.py):
// - Chinese glossary words are cut out first, leftmost and longest, as jieba (which has them
//   registered) cut the page text; the Chinese between them is left to Material's segmentation.
// - A one-letter Latin token (the p of top-p) is searched exactly, not as a prefix of every word.
// - Each form found adds the other one-word forms of its entry (BN -> 批归一化); a glossary word
//   or a tag name adds its parts as plain jieba cuts them (多头注意力 -> 多头, 注意力; the tag
//   位置编码 -> 位置, 编码, as in titles), and each Chinese word adds the glossary words that
//   contain it (极大值 -> 非极大值抑制), since the index keeps those whole.
//   Only words the index has are added, so a synonym no page uses cannot match its parts.
// - After Material has formatted the query, weigh() ranks typed words above added ones and
//   exact matches above prefix matches.
// - A typed word that asks for a kind of page (手撕 X: the code exercise on X) makes order() put
//   the sections of that kind (tagged 手撕) that match every other typed word above the rest.
//   order() also ranks a knowledge page whose title subject has every typed word higher.
var hbGlossaryQuery = (() => {
  const HAN_RUN = /(\p{sc=Han}+)/u;
  const HAN = /\p{sc=Han}/u;
  const WEIGHT = 10; // a typed word counts this many times an added one
  // Query words that ask for a kind of page, and the tag every page of that kind carries.
  const KIND_WORDS = { 手撕: "手撕", 手写: "手撕" };
  // Set up from the index config. state.added: the words added to the last query; state.kind and
  // state.wanted: the tag its intent word asked for (or null) and its other typed words.
  let state = null;

  function setup(config) {
    const glossary = config && config.glossary;
    if (!glossary) {
      state = null;
      return;
    }
    const separator = new RegExp(config.separator || "[\\s\\-]+", "u");
    const terms = new Set(glossary.terms);
    let longest = 0;
    for (const term of terms) longest = Math.max(longest, term.length);
    state = { separator, terms, longest, groups: [], parts: glossary.parts || {}, added: [], kind: null, wanted: [] };
    state.groups = glossary.synonyms.map((forms) => forms.map((form) => tokens(form).map((t) => t.text)));
  }

  // Cuts a run of Han characters into glossary words ("term") and the text between them ("han").
  function segmentHan(run) {
    const out = [];
    let gap = "";
    for (let i = 0; i < run.length; ) {
      let found = 0;
      for (let length = Math.min(state.longest, run.length - i); length >= 2 && !found; length--) {
        if (state.terms.has(run.slice(i, i + length))) found = length;
      }
      if (found) {
        if (gap) out.push({ text: gap, kind: "han" });
        out.push({ text: run.slice(i, i + found), kind: "term" });
        gap = "";
        i += found;
      } else {
        gap += run[i];
        i += 1;
      }
    }
    if (gap) out.push({ text: gap, kind: "han" });
    return out;
  }

  // The tokens of a text as the index has them: split at the separator, Han runs apart from
  // Latin (the search plugin puts a boundary around every Han run), Latin lower-cased.
  function tokens(text) {
    const out = [];
    for (const piece of text.split(state.separator)) {
      for (const part of piece.split(HAN_RUN)) {
        if (!part) continue;
        if (HAN.test(part)) out.push(...segmentHan(part));
        else out.push({ text: part.toLowerCase(), kind: "latin" });
      }
    }
    return out;
  }

  function containsForm(words, form) {
    for (let i = 0; i + form.length <= words.length; i++) {
      if (form.every((word, j) => words[i + j] === word)) return true;
    }
    return false;
  }

  // The query with glossary words cut out. The index words it should also find (synonyms, the
  // parts of a typed glossary word, the glossary words containing a typed word) are kept for weigh().
  function rewrite(query, vocabulary) {
    if (!state) return query;
    const found = tokens(query);
    const words = found.map((t) => t.text);
    const added = [];
    for (const group of state.groups) {
      if (!group.some((form) => containsForm(words, form))) continue;
      for (const form of group) if (form.length === 1) added.push(form[0]);
    }
    for (const t of found) {
      if (t.kind === "latin" || t.text.length < 2) continue;
      added.push(...(state.parts[t.text] || []));
      for (const term of state.terms) if (term !== t.text && term.includes(t.text)) added.push(term);
    }
    state.added = [...new Set(added)].filter((word) => !words.includes(word) && (!vocabulary || word in vocabulary));
    return found.map((t) => (t.kind === "latin" && t.text.length === 1 ? `${t.text}^1` : t.text)).join(" ");
  }

  // Material's formatted query ("位置* 编码* p^1") reweighted. A typed word counts WEIGHT times
  // a word added by rewrite() (weaker evidence: 回归 added for 保序回归 must not let every title
  // with 回归 outrank the page on 保序回归), and it is searched exactly as well as as a prefix,
  // so that the word itself outranks longer words it begins (DIN before DINO, 语义 before 语义分割).
  function weigh(formatted) {
    if (!state) return formatted;
    const terms = [];
    state.kind = null;
    state.wanted = [];
    const add = (word, weight) => {
      terms.push(`${word}*^${weight}`);
      if (word.length > 1) terms.push(`${word}^${weight}`);
    };
    for (const term of formatted.split(" ").filter(Boolean)) {
      const word = term.replace(/\^\d+$/, "");
      // Material stars each Han word it cut from a longer run twice (语义分割 -> 语义** 分割*):
      // both stars go, or the "exact" clause 语义*^10 would be one more prefix clause
      const bare = word.replace(/\*+$/, "");
      if (KIND_WORDS[bare]) state.kind = KIND_WORDS[bare];
      else state.wanted.push(bare);
      if (word.endsWith("*")) add(bare, WEIGHT);
      else terms.push(`${word}^${WEIGHT}`); // exact already (a one-letter token)
    }
    for (const word of state.added) terms.push(`${word}*`);
    return terms.join(" ");
  }

  // Whether a scored section is of the kind the last query asked for and matched each of its
  // other typed words (section.terms: Material's record of which query terms it matched). Its
  // tags are highlighted by then (<mark>手撕</mark>).
  function wanted(section) {
    if (!state.kind || !state.wanted.length) return false;
    const tags = (section.tags || []).map((tag) => tag.replace(/<\/?mark>/g, ""));
    return tags.includes(state.kind) && state.wanted.every((word) => section.terms[word]);
  }

  // A knowledge page's title is "subject: what the answer covers" (模型量化:PTQ 与 QAT、…), and
  // its search document has the knowledge-base boost. When the subject contains every typed word,
  // the page is about the query rather than mentioning it: its score counts TITLE_BONUS times.
  // This breaks the ties of pages that share a tag and a title word (召回 was tied three ways).
  const TITLE_BONUS = 2;
  const ranks = new WeakMap(); // section -> its score for order(), computed once per search
  function rank(section) {
    let value = ranks.get(section);
    if (value === undefined) {
      const subject = section.title.replace(/<\/?mark>|\u200b/g, "").split(/[:：]/)[0].toLowerCase();
      const about =
        Boolean(section.boost) &&
        !section.location.includes("#") &&
        state.wanted.length > 0 &&
        state.wanted.every((word) => subject.includes(word));
      value = about ? section.score * TITLE_BONUS : section.score;
      ranks.set(section, value);
    }
    return value;
  }

  // The comparator of Material's sort of scored sections: the sections an intent word asked for
  // first, then by score (with the title bonus). A query boost cannot put 手撕 pages first: lunr
  // divides each field's score by the length of the query's vector in that field, so a lone
  // tags:手撕 clause scores the same at any boost, and the knowledge page (boost 3) still won.
  function order(a, b) {
    if (!state) return b.score - a.score;
    return wanted(b) - wanted(a) || rank(b) - rank(a);
  }

  return { setup, tokens: (text) => tokens(text).map((t) => t.text), rewrite, weigh, order };
})();
addEventListener("message", (event) => {
  if (event.data && event.data.type === 0 && event.data.data) hbGlossaryQuery.setup(event.data.data.config);
});
/* hb-glossary-query:end */
