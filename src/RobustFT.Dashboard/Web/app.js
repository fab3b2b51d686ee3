// RobustFT dashboard: plain JavaScript, no framework, nothing loaded from elsewhere. Reads /api, live via SSE.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const TOKEN_KEY = "robustft.dashboard.token";
const state = { route: null, source: null, runId: null, controlEnabled: false, lastDetail: null };

// Box positions of the state machine (column, row); states themselves come from the API (SampleStates.All order).
const LAYOUT = {
  Detecting: [0, 0], Reasoning: [1, 0], Checking: [2, 0], Embedding: [3, 0], Clean: [4, 0],
  AwaitingIndex: [0, 1], Retrieving: [1, 1], Relabeling: [2, 1], Reviewing: [3, 1], AwaitingSelection: [4, 1],
  Faulted: [1, 2], Unlabeled: [2, 2], Selected: [3, 2], Dropped: [4, 2],
};
const BOX = { w: 124, h: 48, dx: 144, dy: 100, x0: 10, y0: 24 };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v; else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}
const $ = (id) => document.getElementById(id);
const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x)) ? "–" : Number(x).toFixed(digits);
const pct = (x) => `${(100 * (x || 0)).toFixed(1)}%`;
function duration(s) {
  if (s === null || s === undefined) return "–";
  s = Math.round(s);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor(s % 3600 / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}
const enc = encodeURIComponent;
const clip = (text, n) => text.length > n ? `${text.slice(0, n)}…` : text;

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

// ---- routing ----
function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "runs" && parts[1] && parts[2] === "samples" && parts[3]) return { view: "lineage", runId: parts[1], sampleId: parts[3] };
  if (parts[0] === "runs" && parts[1]) return { view: "run", runId: parts[1] };
  return { view: "runs" };
}

async function navigate() {
  const route = parseRoute();
  state.route = route;
  $("run-view").hidden = route.view !== "run";
  $("lineage-view").hidden = route.view !== "lineage";
  $("runs-view").hidden = route.view === "lineage";
  connect(route.view === "run" ? route.runId : null);
  if (route.view === "run") {
    $("search-results").replaceChildren();
    const detail = await getJson(`/api/runs/${enc(route.runId)}`).catch(() => null);
    if (detail) renderRun(detail);
  } else if (route.view === "lineage") {
    await showLineage(route.runId, route.sampleId);
  }
}

// ---- live updates ----
function connect(runId) {
  if (state.source && state.runId === runId) return;
  if (state.source) state.source.close();
  state.runId = runId;
  const url = runId ? `/api/runs/${enc(runId)}/events` : "/api/events";
  const source = new EventSource(url);
  state.source = source;
  source.addEventListener("open", () => setLive(true));
  source.addEventListener("error", () => setLive(false));
  source.addEventListener("snapshot", (e) => {
    setLive(true);
    const snapshot = JSON.parse(e.data);
    renderRuns(snapshot.runs);
    renderNodes(snapshot.nodes);
    if (snapshot.run && state.route && state.route.view === "run" && snapshot.run.run.runId === state.route.runId) renderRun(snapshot.run);
  });
}
function setLive(on) {
  const live = $("live");
  live.textContent = on ? "live" : "offline";
  live.classList.toggle("off", !on);
}

// ---- runs list ----
function renderRuns(runs) {
  const rows = runs.map((r) => el("tr", { "data-testid": "run-row", "data-run-id": r.runId },
    el("td", {}, el("a", { href: `#/runs/${enc(r.runId)}`, text: r.runId })),
    el("td", { text: r.task }), el("td", { text: r.phase + (r.partial ? " (partial)" : "") }),
    el("td", { text: pct(r.progress) }), el("td", { text: `${r.finished} / ${r.samples}` }),
    el("td", { text: r.paused ? "yes" : "" }), el("td", { text: r.ended ? "yes" : "" })));
  $("runs-table").tBodies[0].replaceChildren(...rows);
}

// ---- nodes ----
function renderNodes(nodes) {
  const members = nodes.nodes.map((n) => el("tr", { "data-testid": "node-row", class: n.reachable ? "" : "stale" },
    el("td", { text: n.address }), el("td", { text: n.roles.join(", ") }),
    el("td", { "data-testid": "node-status", text: n.status }), el("td", { text: n.reachable ? "yes" : "unreachable" }),
    el("td", { "data-testid": "node-coordinator", text: n.coordinator ? "yes" : "" }), el("td", { text: n.workers })));
  $("nodes-table").tBodies[0].replaceChildren(...members);
  const workers = nodes.workers.map((w) => el("tr", { "data-testid": "worker-row", class: w.stale ? "stale" : "" },
    el("td", { text: w.address }), el("td", { text: w.device }), el("td", { text: w.executionProvider }),
    el("td", { text: fmt(w.batchFill) }), el("td", { text: fmt(w.tokensPerSecond) }), el("td", { text: w.queueDepth }),
    el("td", { text: `${fmt(w.statusAgeSeconds)} s ago` }),
    el("td", { "data-testid": "worker-status", text: w.stale ? "stale" : "ok" })));
  $("workers-table").tBodies[0].replaceChildren(...workers);
}

// ---- one run ----
function renderRun(d) {
  state.lastDetail = d;
  const r = d.run;
  $("run-id").textContent = r.runId;
  $("run-phase").textContent = r.phase + (r.partial ? " (partial results)" : "");
  $("progress-fill").style.width = pct(d.progress);
  $("run-progress").textContent = `${pct(d.progress)} (${r.finished} / ${r.samples})`;
  $("run-eta").textContent = r.ended ? "done" : duration(d.etaSeconds);
  indicator("barrier-index", "index barrier", d.barriers.index);
  indicator("barrier-selection", "selection barrier", d.barriers.selection);
  $("threshold").textContent = d.threshold === null || d.threshold === undefined ? "–" : fmt(d.threshold, 4);
  $("run-flags").textContent = r.ended ? "ended" : r.paused ? "paused" : "running";
  $("inference").textContent = `${d.inference.calls} calls, ${d.inference.cacheHits} cache hits, ${d.inference.tokens} tokens`;
  $("faulted-count").textContent = d.faultedCount;
  $("faulted-table").tBodies[0].replaceChildren(...d.faulted.map((f) => el("tr", { "data-testid": "faulted-row" },
    el("td", {}, el("a", { href: `#/runs/${enc(r.runId)}/samples/${enc(f.sampleId)}`, text: f.sampleId })), el("td", { text: f.reason || "" }))));
  const filter = $("state-filter");
  if (filter.options.length === 1) for (const s of d.states) filter.append(el("option", { value: s.state, text: s.state }));
  drawStateMachine(d.states, d.edges);
  drawThroughput(d.throughput);
  $("control").hidden = !state.controlEnabled;
}
function indicator(id, label, passed) {
  const node = $(id);
  node.textContent = `${label}: ${passed ? "passed" : "waiting"}`;
  node.className = `indicator ${passed ? "passed" : "waiting"}`;
}

function boxAt(name) {
  const [c, row] = LAYOUT[name] || [0, 3];
  return { x: BOX.x0 + c * BOX.dx, y: BOX.y0 + row * BOX.dy, w: BOX.w, h: BOX.h };
}
function border(b, towards) {
  const cx = b.x + b.w / 2, cy = b.y + b.h / 2, dx = towards.x - cx, dy = towards.y - cy;
  const t = Math.min(Math.abs((b.w / 2) / (dx || 1e-9)), Math.abs((b.h / 2) / (dy || 1e-9)));
  return { x: cx + dx * t, y: cy + dy * t };
}
function drawStateMachine(states, edges) {
  const root = $("state-machine");
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8f99ad" }));
  defs.append(marker);
  const nodes = [defs];
  for (const e of edges) {
    const a = boxAt(e.from), b = boxAt(e.to);
    const cls = e.to === "Faulted" ? "edge fault" : e.ablation ? "edge ablation" : "edge";
    if (e.from === e.to) {
      nodes.push(svg("path", { class: cls, d: `M ${a.x + 40} ${a.y} C ${a.x + 40} ${a.y - 22}, ${a.x + 84} ${a.y - 22}, ${a.x + 84} ${a.y}` }, ));
      continue;
    }
    const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 }, cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    const p = border(a, cb), q = border(b, ca);
    const line = svg("line", { class: cls, x1: p.x, y1: p.y, x2: q.x, y2: q.y });
    line.append(svg("title", {}, `${e.from} → ${e.to}: ${e.trigger}`));
    nodes.push(line);
  }
  for (const s of states) {
    const b = boxAt(s.state);
    const g = svg("g", { class: `box ${s.kind}${s.count > 0 ? " nonzero" : ""}`, "data-testid": `state-${s.state}`, "data-state": s.state, "data-count": s.count });
    g.append(svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6 }));
    g.append(svg("text", { x: b.x + b.w / 2, y: b.y + 18 }, s.state));
    g.append(svg("text", { class: "count", x: b.x + b.w / 2, y: b.y + 38, "data-testid": `count-${s.state}` }, String(s.count)));
    nodes.push(g);
  }
  root.replaceChildren(...nodes);
}

function drawThroughput(points) {
  const root = $("throughput");
  const W = 720, H = 140, pad = 8, top = 22;
  const nodes = [svg("line", { class: "axis", x1: pad, y1: H - pad, x2: W - pad, y2: H - pad })];
  const last = points.length ? points[points.length - 1] : { samplesPerSecond: 0, tokensPerSecond: 0 };
  $("samples-rate").textContent = fmt(last.samplesPerSecond);
  $("tokens-rate").textContent = fmt(last.tokensPerSecond);
  if (points.length > 1) {
    for (const [key, cls] of [["samplesPerSecond", "series-samples"], ["tokensPerSecond", "series-tokens"]]) {
      const max = Math.max(1e-9, ...points.map((p) => p[key]));
      const xy = points.map((p, i) => `${pad + i * (W - 2 * pad) / (points.length - 1)},${H - pad - p[key] / max * (H - pad - top)}`);
      nodes.push(svg("polyline", { class: cls, points: xy.join(" ") }));
    }
    const maxOf = (key) => Math.max(...points.map((p) => p[key]));
    nodes.push(svg("text", { class: "scale", x: pad + 4, y: 15 }, `max ${fmt(maxOf("samplesPerSecond"))} samples/s · ${fmt(maxOf("tokensPerSecond"))} tokens/s`));
  }
  root.replaceChildren(...nodes);
}

// ---- search and lineage ----
async function search(event) {
  event.preventDefault();
  const runId = state.route && state.route.runId;
  if (!runId) return;
  const q = $("sample-search").value.trim(), st = $("state-filter").value;
  const result = await getJson(`/api/runs/${enc(runId)}/samples?limit=20&q=${enc(q)}&state=${enc(st)}`);
  const items = result.samples.map((s) => el("li", { "data-testid": "search-result" },
    el("a", { href: `#/runs/${enc(runId)}/samples/${enc(s.sampleId)}`, text: s.sampleId }), ` ${s.state} · ${clip(s.question, 100)}`));
  if (result.total > result.samples.length) items.push(el("li", { text: `… ${result.total - result.samples.length} more` }));
  if (!items.length) items.push(el("li", { text: "no sample matches" }));
  $("search-results").replaceChildren(...items);
}

async function showLineage(runId, sampleId) {
  const view = $("lineage-view");
  let l;
  try { l = await getJson(`/api/runs/${enc(runId)}/samples/${enc(sampleId)}`); }
  catch { $("lineage-fields").replaceChildren(el("dd", { text: `no sample ${sampleId} in run ${runId}` })); return; }
  $("lineage-id").textContent = l.sampleId;
  const runLink = $("lineage-run");
  runLink.textContent = l.runId; runLink.href = `#/runs/${enc(l.runId)}`;
  const letter = (i) => String.fromCharCode(65 + i);
  const fields = [
    ["state", l.state], ["question", l.question], ["options", l.options.map((o, i) => `${letter(i)}. ${o}`).join("\n")],
    ["given label", l.givenLabel], ["base answer", l.baseAnswer], ["base response", l.baseResponse],
    ["reasoning answer", l.reasoningAnswer], ["reasoning responses", l.reasoningResponses.join("\n---\n")],
    ["r (consistency)", l.r === null ? null : fmt(l.r, 3)], ["clean", l.clean === null ? null : String(l.clean)],
    ["checker response", l.checkerResponse], ["context answer", l.contextAnswer], ["context response", l.contextResponse],
    ["review label", l.reviewLabel], ["review response", l.reviewResponse],
    ["entropy", l.entropy === null ? null : fmt(l.entropy, 4)], ["rank", l.rank], ["threshold", l.threshold === null ? null : fmt(l.threshold, 4)],
    ["selected", l.selected === null ? null : String(l.selected)], ["final label", l.finalLabel], ["fault", l.fault],
    ["unlabeled reason", l.unlabeledReason], ["skipped steps", l.skippedSteps.length ? l.skippedSteps.join(", ") : "none (full method)"],
  ];
  const testid = (name) => "lineage-" + name.replace(/[^a-z]+/g, "-").replace(/-$/, "");
  $("lineage-fields").replaceChildren(...fields.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { "data-testid": testid(k), text: v === null || v === undefined || v === "" ? "–" : v })]));
  $("lineage-neighbours").replaceChildren(...(l.neighbours.length ? l.neighbours.map((n) => el("li", { "data-testid": "neighbour" },
    el("a", { "data-testid": "neighbour-link", href: `#/runs/${enc(l.runId)}/samples/${enc(n.sampleId)}`, text: n.sampleId }),
    ` (label ${n.label}) ${clip(n.question, 120)}`)) : [el("li", { text: "none (clean samples retrieve nothing)" })]));
  $("lineage-prompts").replaceChildren(...l.prompts.map((p) => el("details", { "data-testid": "prompt" }, el("summary", { text: p.step }),
    ...p.messages.map((m) => el("pre", { text: `[${m.role}]\n${m.content}` })))));
  view.hidden = false;
}

// ---- control ----
async function control(action) {
  const runId = state.route && state.route.runId;
  const token = $("token").value;
  sessionStorage.setItem(TOKEN_KEY, token);
  const r = await fetch(`/api/runs/${enc(runId)}/${action}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  const body = await r.json().catch(() => ({}));
  $("control-message").textContent = r.ok ? `${action}: ${body.changed ? "done" : "nothing to change"}` : `${action}: ${r.status} ${body.error || ""}`;
}

async function start() {
  $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  $("search-form").addEventListener("submit", search);
  for (const action of ["pause", "resume", "cancel"]) $(action).addEventListener("click", () => control(action));
  state.controlEnabled = (await getJson("/api/control").catch(() => ({ enabled: false }))).enabled;
  const [runs, nodes] = await Promise.all([getJson("/api/runs"), getJson("/api/nodes")]);
  renderRuns(runs.runs);
  renderNodes(nodes);
  window.addEventListener("hashchange", navigate);
  await navigate();
}

start();
