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

function shardKeys(query) {
  const separator = new RegExp(manifest.config.separator);
  const wanted = new Set();
  for (const word of query.toLowerCase().split(separator)) {
    const term = word.replace(/[*+^~:"]/g, "");
    const key = term.slice(0, manifest.config.shards.prefix);
    if (key && keys.has(key)) wanted.add(key);
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

async function search(query) {
  const wanted = shardKeys(query);
  if (!wanted.length) return { type: RESULT, data: { items: [] } };
  if (wanted.join(" ") !== indexed) {
    const byPosition = new Map();
    for (const loaded of await Promise.all(wanted.map(shard))) {
      for (const [position, doc] of loaded.docs) byPosition.set(position, doc);
    }
    const docs = [...byPosition.keys()].sort((a, b) => a - b).map((p) => byPosition.get(p));
    await material({ type: SETUP, data: { ...manifest, docs } });
    indexed = wanted.join(" ");
  }
  return material({ type: QUERY, data: query });
}

async function handle(message) {
  if (message.type === SETUP) {
    manifest = message.data;
    keys = new Set(manifest.config.shards.keys);
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
