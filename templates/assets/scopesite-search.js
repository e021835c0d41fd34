/* scopesite's search worker: Material's own worker, given only the shards of the
   index that a query needs (see generator/search/shards.py).

   Material's page script sends SETUP with the manifest, then QUERY messages. This
   worker answers READY at once; for each query it fetches the shards of the
   query's terms, sets Material's worker up with their documents (when they
   changed) and passes the query on, so ranking, highlighting and grouping stay
   Material's. Messages are handled one at a time, in order. */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const send = self.postMessage.bind(self);
let manifest = null;
let keys = new Set();
let stopWords = new Set();
let synonyms = [];
let phrases = [];
const shards = new Map();
let indexed = "";
let answer = null;

/* Material's worker replies with postMessage: route its replies to us. */
self.postMessage = (message) => {
  if (answer) {
    const resolve = answer;
    answer = null;
    resolve(message);
  }
};

function material(message) {
  return new Promise((resolve) => {
    answer = resolve;
    const event = new MessageEvent("message", { data: message });
    event.scopesiteInternal = true;
    self.dispatchEvent(event);
  });
}

/* A query's words as generator/search/analysis.py keeps them: split at white
   space and punctuation, lower-cased, without the words that only carry a
   question ("how", "do", "I"). lunr stems what is left. */
function analyse(query) {
  const separator = new RegExp(manifest.config.separator);
  return query
    .toLowerCase()
    .split(separator)
    .filter((word) => word && !stopWords.has(word));
}

function shardKeys(words) {
  const wanted = new Set();
  for (const word of words) {
    const key = word.slice(0, manifest.config.shards.prefix);
    if (keys.has(key)) wanted.add(key);
  }
  return [...wanted].sort();
}

function fileOf(key) {
  const hex = [...new TextEncoder().encode(key)]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
  return new URL(`../../../search/shards/${hex}.json`, self.location).href;
}

function shard(key) {
  if (!shards.has(key)) {
    shards.set(key, fetch(fileOf(key)).then((response) => response.json()));
  }
  return shards.get(key);
}

/* Each word with its synonyms (generator/search/analysis.py, SYNONYMS): a
   customer's "charged" finds the policy's "price". */
function withSynonyms(words) {
  return words.map((word) => {
    const group = synonyms.find((g) => g.some((other) => stemOf(other) === stemOf(word)));
    return group ? [word, ...group.filter((other) => other !== word)] : [word];
  });
}

/* A customer's two-word phrase made the policies' one word ("ran out": expire),
   as generator/search/analysis.py's PHRASES say. */
function withoutPhrases(query) {
  let text = query.toLowerCase();
  for (const [phrase, word] of phrases) {
    text = text.replace(new RegExp(`\\b${phrase}\\b`, "g"), word);
  }
  return text;
}

async function search(query) {
  const words = withSynonyms(analyse(withoutPhrases(query)));
  const wanted = shardKeys(words.flat());
  if (!wanted.length) return { type: RESULT, data: { items: [] } };
  if (wanted.join(" ") !== indexed) {
    const byPosition = new Map();
    for (const loaded of await Promise.all(wanted.map(shard))) {
      for (const [position, doc] of loaded.docs) byPosition.set(position, doc);
    }
    const docs = [...byPosition.keys()].sort((a, b) => a - b).map((p) => byPosition.get(p));
    await material({ type: SETUP, data: { ...manifest, docs } });
    stats = statsOf(docs);
    indexed = wanted.join(" ");
  }
  /* Material makes each term a prefix ("hour*"), and lunr does not stem a
     prefix: the stems go in, so "hours" and "escalation" meet the stemmed index. */
  const stems = words.map((alternatives) => [...new Set(alternatives.map(stemOf))]);
  const answer = await material({ type: QUERY, data: [...new Set(stems.flat())].join(" ") });
  const named = namedProducts(words.flat());
  const scoring = aboutTheProduct(words, named);
  const items = rerank(scoped(answer.data.items, named), words, stems, named, scoring);
  return { ...answer, data: { ...answer.data, items } };
}

/* Ranking. Material's lunr leaves out the length of a field (b = 0): a section
   titled "Versions" gains nothing over one whose long title mentions a version
   once, and Material then ranks a page far above its own sections (a page's
   score is multiplied by 1 + (1 + share of terms matched)², a section's by
   1 + share²). The documents Material matched are ranked again here by BM25F:
   a word's count in each field (title, tags, text), normalised by the field's
   length and weighted by its boost, summed and then saturated once, so a word
   in a title counts for more than one in the text but no title word drowns a
   rare word of the text ("15.3"); times 1 + share², pages and sections alike. A page shown
   above its better sections is their heading, not a hit (score 0, as Material
   gives a page that did not match; see inScoreOrder). */
const K1 = 1.2;
const B = 0.75;
let stats = null;

function wordsOf(value) {
  const text = Array.isArray(value) ? value.join(" ") : value || "";
  return analyse(text.replace(/<[^>]+>/g, " "));
}

function stemOf(word) {
  return self.lunr.stemmer(new self.lunr.Token(word)).toString();
}

function statsOf(docs) {
  const fields = Object.keys(manifest.config.fields);
  const entries = new Map();
  const lengths = Object.fromEntries(fields.map((field) => [field, 0]));
  for (const doc of docs) {
    const entry = { words: new Map() };
    for (const field of fields) {
      const words = wordsOf(doc[field]);
      entry[field] = words.map(stemOf);
      words.forEach((word, at) => entry.words.set(word, entry[field][at]));
      lengths[field] += words.length;
    }
    entries.set(doc.location, entry);
  }
  const average = Object.fromEntries(
    fields.map((field) => [field, lengths[field] / Math.max(docs.length, 1) || 1]),
  );
  return { fields, entries, average, count: docs.length };
}

function startsWithAny(token, alternatives) {
  return alternatives.some((stem) => token.startsWith(stem));
}

function idf(alternatives) {
  let holding = 0;
  for (const entry of stats.entries.values()) {
    const tokens = stats.fields.flatMap((field) => entry[field]);
    if (tokens.some((token) => startsWithAny(token, alternatives))) {
      holding += 1;
    }
  }
  return Math.log(1 + (stats.count - holding + 0.5) / (holding + 0.5));
}

/* A question that names a product (by its name in the policy) is about it:
   the pages of the other products rank below (the index's "products" config
   names each product by the first folder of its pages). */
const OTHER_PRODUCT = 0.25;

/* The product being read: a product's pages name it in this worker's address. */
const READING = new URL(self.location.href).searchParams.get("product");

function namedProducts(words) {
  const named = new Set();
  for (const [id, name] of Object.entries(manifest.config.products || {})) {
    const own = analyse(name);
    if (own.length && own.some((word) => words.includes(word))) named.add(id);
  }
  return named;
}

/* Which words rank results: a word of a product's name that the question uses
   says which product it is about (its pages rank first, see productFactor), not
   what it asks, so it does not rank that product's pages against each other
   ("Is Product 15.3 still supported?" asks about "15.3"), unless it is all
   the question says. */
function aboutTheProduct(words, named) {
  const naming = new Set(
    [...named].flatMap((id) => analyse(manifest.config.products[id])),
  );
  const scoring = words.map((alternatives) => !naming.has(alternatives[0]));
  return scoring.some(Boolean) ? scoring : words.map(() => true);
}

function productFactor(location, named) {
  if (!named.size) return 1;
  return ofOtherProduct(location, named) ? OTHER_PRODUCT : 1;
}

function ofOtherProduct(location, products) {
  const folder = location.split("/")[0];
  return folder in (manifest.config.products || {}) && !products.has(folder);
}

/* On a product's page, results are that product's pages and the pages of no
   product (guides, contact), unless the question names another product. */
function scoped(groups, named) {
  if (!READING || named.size || !(READING in (manifest.config.products || {}))) return groups;
  const reading = new Set([READING]);
  return groups.filter((group) => !ofOtherProduct(group[0].location, reading));
}

function score(entry, stems, weights) {
  let total = 0;
  let matched = 0;
  for (const [alternatives, weight] of stems) {
    let frequency = 0;
    for (const field of stats.fields) {
      const tokens = entry[field];
      const count = tokens.filter((token) => startsWithAny(token, alternatives)).length;
      if (!count) continue;
      const length = 1 - B + (B * tokens.length) / stats.average[field];
      frequency += (weights[field] * count) / length;
    }
    if (frequency) {
      matched += 1;
      total += (weight * frequency * (K1 + 1)) / (frequency + K1);
    }
  }
  const share = stems.length ? matched / stems.length : 0;
  return total * (1 + share ** 2) * nearness(entry, stems.map(([alternatives]) => alternatives));
}

/* Near neighbours ("Tuning a site's performance" and "Analysing your code for
   performance problems") share most words; the one whose title or customers'
   phrasings hold two of the question's words side by side, as the question
   does, is the closer answer. Measured: top-1 of the second held-out set rose
   from 0.879 to 0.909 with PHRASE 0.5; a bonus for the share of the question's
   words in the title or phrasings helped the tuned set but not the held-out ones
   (0.5 lost one of them), so it is left out. */
const PHRASE = 0.5;
const NAMING = ["title", "tags"];

function nearness(entry, stems) {
  if (stems.length < 2) return 1;
  const named = NAMING.filter((field) => entry[field] && entry[field].length);
  let pairs = 0;
  for (let at = 0; at + 1 < stems.length; at += 1) {
    if (named.some((field) => adjacent(entry[field], stems[at], stems[at + 1]))) pairs += 1;
  }
  return 1 + (PHRASE * pairs) / (stems.length - 1);
}

function adjacent(tokens, first, second) {
  return tokens.some(
    (token, at) => at + 1 < tokens.length && startsWithAny(token, first) && startsWithAny(tokens[at + 1], second),
  );
}

/* The words to highlight on the page a result opens: the document's own whole
   words that matched ("upgrading" for "upgrade"), never a stem or a prefix, so
   Material's highlighter marks whole words; a query word that matched nothing
   is listed as missing, as Material does. */
function highlights(entry, words, stems) {
  const terms = {};
  stems.forEach((alternatives, at) => {
    const found = [...entry.words].filter(([, stem]) => startsWithAny(stem, alternatives));
    if (!found.length) terms[words[at][0]] = false;
    for (const [word] of found) terms[word] = true;
  });
  return terms;
}

function rerank(groups, words, stems, named, scoring) {
  const weights = Object.fromEntries(
    Object.entries(manifest.config.fields).map(([field, spec]) => [field, spec.boost ?? 1]),
  );
  const weighted = stems
    .filter((_, at) => scoring[at])
    .map((alternatives) => [alternatives, idf(alternatives)]);
  const items = groups.flat().filter((item) => item.score > 0);
  for (const item of items) {
    const entry = stats.entries.get(item.location);
    item.score = score(entry, weighted, weights) * productFactor(item.location, named);
    item.terms = highlights(entry, words, stems);
    /* A scope item's verdict, per plan where plans differ (escaped at build time). */
    if (item.verdict) item.text = `<p class="scopesite-search-verdict">${item.verdict}</p>${item.text}`;
  }
  items.sort((a, b) => b.score - a.score);
  const headings = new Map(
    groups.flat().filter((item) => !item.location.includes("#")).map((item) => [item.location, item]),
  );
  return inScoreOrder(items, headings);
}

/* Results in score order, as a reader sees them. Material shows each group under
   its page's title and folds the group's sections that score below its first
   into "N more on this page": grouped by page, a page's second-best section
   would hide behind its best while a weaker section of another page showed. So
   a group is a run of one page's documents next to each other in score order,
   under its page's title: the page's own score when its own text matched best
   (its sections then fold under it: the page is the answer), else 0 (a heading,
   not a hit). A page whose sections score apart heads more than one group. */
function inScoreOrder(items, headings) {
  const groups = [];
  let run = null;
  for (const item of items) {
    const page = item.location.split("#")[0];
    const isPage = !item.location.includes("#");
    if (run && run.page === page) {
      if (!isPage) run.group.push(item);
      continue;
    }
    const heading = isPage ? item : headings.get(page);
    const head = heading && !isPage ? [{ ...heading, score: 0, terms: item.terms }] : [];
    run = { page, group: isPage ? [item] : [...head, item] };
    groups.push(run.group);
  }
  return groups;
}

async function handle(message) {
  if (message.type === SETUP) {
    manifest = message.data;
    keys = new Set(manifest.config.shards.keys);
    stopWords = new Set(manifest.config.stop_words);
    synonyms = manifest.config.synonyms || [];
    phrases = manifest.config.phrases || [];
    return { type: READY };
  }
  if (message.type === QUERY) {
    try {
      return await search(message.data);
    } catch (error) {
      console.warn("search failed:", error);
      return { type: RESULT, data: { items: [] } };
    }
  }
  return material(message);
}

let queue = Promise.resolve();
addEventListener("message", (event) => {
  if (event.scopesiteInternal) return;
  event.stopImmediatePropagation();
  const message = event.data;
  queue = queue.then(() => handle(message)).then(send);
});

importScripts("MATERIAL_WORKER");
