// The Monolith dashboard: hand-written, no dependencies, no outside network. Hash routes render into #view;
// live updates arrive as server-sent events from /api/live and trigger a refresh of what is on screen.
// Sign-in: an API key is exchanged once for an HttpOnly session cookie (POST /api/session); the cookie names the
// customer and role, so no X-Customer-Id is sent. State-changing calls add X-Requested-With (required with the cookie).
"use strict";

(() => {
  const view = document.getElementById("view");

  // ---------- small helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const svg = (tag, attrs, ...children) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children.flat()) if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };

  // append/replaceChildren would print "null" for the optional parts of a screen; these skip them.
  const present = kids => kids.flat().filter(k => k !== null && k !== undefined && k !== false);
  const fill = (node, ...kids) => node.replaceChildren(...present(kids));
  const add = (node, ...kids) => node.append(...present(kids));

  class ApiError extends Error {
    constructor(status, body) {
      super(describeProblem(status, body));
      this.status = status; this.body = body;
    }
  }
  function describeProblem(status, body) {
    if (body && typeof body === "object") {
      const lines = [body.title || `HTTP ${status}`];
      if (body.detail) lines.push(body.detail);
      for (const [field, msgs] of Object.entries(body.errors || {})) lines.push(`${field}: ${[].concat(msgs).join(" ")}`);
      return lines.join("\n");
    }
    return `HTTP ${status}${body ? ": " + body : ""}`;
  }

  async function api(path, options = {}) {
    const headers = { "x-requested-with": "monolith" };
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(new URL(path, location.origin), {
      headers,
      method: options.method || (options.json !== undefined || options.body ? "POST" : "GET"),
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = text; }
    if (response.status === 401 && !options.signingIn) signedOut();
    if (!response.ok) throw new ApiError(response.status, body);
    return { body, status: response.status, location: response.headers.get("location") };
  }
  const get = async path => (await api(path)).body;
  // Plain text (never parsed as JSON); a problem answer becomes an ApiError like api()'s.
  async function getText(path) {
    const response = await fetch(new URL(path, location.origin));
    const text = await response.text();
    if (!response.ok) {
      let body = text;
      try { body = JSON.parse(text); } catch { /* not a problem document */ }
      throw new ApiError(response.status, body);
    }
    return text;
  }

  const fmt = {
    int: n => (n ?? 0).toLocaleString("en-US"),
    pct: r => (r === null || r === undefined) ? "–" : `${(r * 100).toFixed(1)}%`,
    num: (n, d = 2) => (n === null || n === undefined) ? "–" : Number(n).toFixed(d),
    usd: n => (n === null || n === undefined) ? "–" : Number(n).toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 }),
    time: t => t ? new Date(t).toLocaleString() : "–",
    day: t => t ? new Date(t).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "–",
    short: t => t ? new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "",
    value: v => v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v),
    // Amounts as printed (9.00, not 9): JSON numbers drop trailing zeros.
    field: (name, v) => ["total", "subtotal", "tax", "amountDue"].includes(name) && typeof v === "number" ? v.toFixed(2) : fmt.value(v),
    money: (n, currency) => {
      if (n === null || n === undefined) return "–";
      try { return Number(n).toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 }); }
      catch { return `${Number(n).toFixed(0)} ${currency || ""}`.trim(); }
    },
    ms: n => n === null || n === undefined ? "–" : `${fmt.int(Math.round(n))} ms`,
  };
  const statusPill = s => {
    const cls = /automated|approved|completed|met|succeeded/i.test(s || "") ? "good"
      : /review|manual|received|running|requested|pending|processing/i.test(s || "") ? "warn"
      : /fail|reject|missed|error/i.test(s || "") ? "bad" : "";
    return el("span", { class: `pill ${cls}` }, s || "–");
  };
  const errorBox = e => el("div", { class: "error", role: "alert" }, e && e.message ? e.message : String(e));
  const empty = text => el("div", { class: "empty" }, text);
  function table(columns, rows, onRow) {
    return el("table", {},
      el("thead", {}, el("tr", {}, columns.map(c => el("th", { class: c.num ? "num" : null }, c.title)))),
      el("tbody", {}, rows.map(r => el("tr", { class: onRow ? "clickable" : null, onclick: onRow ? () => onRow(r) : null },
        columns.map(c => el("td", { class: c.num ? "num" : null }, c.render(r)))))));
  }

  // ---------- routing ----------
  let current = { name: "", refresh: null };
  const routes = [
    [/^#\/automation$/, renderAutomation, "automation"],
    [/^#\/documents$/, renderDocuments, "documents"],
    [/^#\/documents\/([0-9a-f-]{36})$/i, renderDocument, "documents"],
    [/^#\/review$/, renderReviewQueue, "review"],
    [/^#\/review\/([0-9a-f-]{36})$/i, renderReview, "review"],
    [/^#\/usage$/, renderUsage, "usage"],
    [/^#\/companies(?:\?supplier=[0-9a-f-]{36})?$/i, renderCompanies, "companies"],
    [/^#\/companies\/(supplier|prospect)\/([0-9a-f-]{36})$/i, renderAnalysis, "companies"],
    [/^#\/companies\/history\/([^/]+)$/i, renderHistory, "companies"],
  ];
  async function route() {
    const hash = location.hash || "#/automation";
    const match = routes.find(([re]) => re.test(hash));
    if (!match) { location.hash = "#/automation"; return; }
    const [re, render, nav] = match;
    document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("active", a.dataset.route === nav));
    const args = hash.match(re).slice(1).map(decodeURIComponent);
    const screen = el("div", { "data-screen": nav });
    fill(view, screen);
    current = { name: nav, refresh: null, hash };
    try { await render(screen, ...args); } catch (e) { add(screen, errorBox(e)); }
  }
  window.addEventListener("hashchange", route);

  // ---------- automation ----------
  const rangeLabels = [["24h", "Last 24 h"], ["7d", "7 days"], ["30d", "30 days"]];
  // The 24 h / 7 d / 30 d buttons every screen with a window shares.
  const rangePicker = (state, onChange, id) => el("div", { class: "seg", id }, rangeLabels.map(([r, label]) =>
    el("button", { type: "button", class: state.range === r ? "on" : "", "data-range": r, onclick: () => { state.range = r; onChange(); } }, label)));
  const automationState = { range: "7d" };
  function localMidnightIso() { const d = new Date(); d.setHours(0, 0, 0, 0); return d.toISOString(); }

  async function loadCounters() {
    const today = await get(`/api/analytics/automation?from=${encodeURIComponent(localMidnightIso())}&granularity=hour`);
    const queue = await get("/api/documents/review-queue?pageSize=1");
    updateQueueBadge(queue.total);
    const t = today.totals;
    return [
      ["received", "Received", t.received ?? 0],
      ["processed", "Processed", t.processed],
      ["automated", "Automated", t.automated],
      ["needs-review", "Needs review", t.needsReview],
      ["manual", "Manual", t.manual],
      ["failed", "Failed", t.failed],
      ["reviewed", "Reviewed", t.reviewed],
      ["in-queue", "In review queue", queue.total],
      ["rate", "Automation rate", fmt.pct(t.automationRate)],
    ];
  }
  function renderCounters(host, counters) {
    const existing = new Map([...host.querySelectorAll(".counter")].map(n => [n.dataset.key, n]));
    if (existing.size === 0) {
      fill(host, ...counters.map(([key, label, value]) =>
        el("div", { class: "counter", "data-key": key },
          el("div", { class: "label" }, label),
          el("div", { class: "value", id: `counter-${key}` }, typeof value === "number" ? fmt.int(value) : value))));
      return;
    }
    for (const [key, , value] of counters) {
      const box = existing.get(key);
      const v = box.querySelector(".value");
      const text = typeof value === "number" ? fmt.int(value) : value;
      if (v.textContent !== text) {
        v.textContent = text;
        box.classList.remove("flash"); void box.offsetWidth; box.classList.add("flash");
      }
    }
  }

  async function renderAutomation(screen) {
    const counters = el("div", { class: "counters", id: "counters" });
    const chartPanel = el("div", { class: "panel chart" });
    const goals = el("div", { class: "panel" });
    const seg = rangePicker(automationState, route, "automation-range");
    const curvePanel = el("div", { class: "panel chart", id: "curve" });
    add(screen, el("h1", {}, "Automation"), el("h2", {}, "Today"), counters,
      el("p", { class: "muted small", id: "counters-note" }, "Processed = automated + needs review + manual + failed."),
      el("div", { class: "toolbar" }, el("strong", {}, "Automation rate vs goal"), seg), chartPanel, curvePanel, goals);

    async function refresh() {
      const granularity = automationState.range === "24h" ? "hour" : "day";
      const [counterValues, metrics] = await Promise.all([
        loadCounters(),
        get(`/api/analytics/automation?range=${automationState.range}&granularity=${granularity}`),
      ]);
      renderCounters(counters, counterValues);
      fill(chartPanel, rateChart(metrics));
      await renderCurve(curvePanel);
      fill(goals, el("h2", { style: "margin-top:0" }, "Goal status per department"), await departmentGoals(metrics));
    }
    current.refresh = refresh;
    await refresh();
  }

  // The frame both charts share: a 760×260 SVG with percentage gridlines; y maps a rate (0–1) to the plot.
  const chart = { W: 760, H: 260, L: 44, R: 16, T: 14, B: 36 };
  const rateY = r => chart.T + (1 - r) * (chart.H - chart.T - chart.B);
  function percentFrame(attrs) {
    const { W, L, R } = chart;
    const root = svg("svg", { viewBox: `0 0 ${W} ${chart.H}`, role: "img", ...attrs });
    for (const r of [0, 0.25, 0.5, 0.75, 1])
      root.append(svg("line", { x1: L, x2: W - R, y1: rateY(r), y2: rateY(r), stroke: "#e3e6eb" }),
        svg("text", { x: L - 6, y: rateY(r) + 4, "text-anchor": "end", "font-size": 11, fill: "#6b7280" }, `${r * 100}%`));
    return root;
  }

  function rateChart(metrics) {
    const { W, H, L, R, B } = chart;
    const points = metrics.series.map(p => ({ t: new Date(p.start), rate: p.metrics.automationRate, n: p.metrics.processed }));
    const x = i => L + (points.length <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (points.length - 1));
    const y = rateY;
    const root = percentFrame({ "aria-label": "Automation rate over time with the goal line", id: "rate-chart" });
    const every = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((p, i) => {
      const last = points.length - 1;
      // Every n-th slot plus the last one, skipping a regular label that would run into the last.
      if (i !== last && (i % every !== 0 || last - i < every)) return;
      const label = metrics.granularity === "hour"
        ? p.t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
        : p.t.toLocaleDateString([], { month: "short", day: "numeric" });
      const anchor = points.length > 1 && i === 0 ? "start" : points.length > 1 && i === points.length - 1 ? "end" : "middle";
      root.append(svg("text", { x: x(i), y: H - B + 18, "text-anchor": anchor, "font-size": 11, fill: "#6b7280" }, label));
    });
    root.append(svg("line", { x1: L, x2: W - R, y1: y(metrics.goal), y2: y(metrics.goal), stroke: "#c62828", "stroke-dasharray": "6 4", "stroke-width": 1.5, class: "goal-line" }));
    // The rate line is broken where a slot has no processed documents (no rate, not 0 %).
    let d = "", pen = false;
    points.forEach((p, i) => {
      if (p.rate === null || p.rate === undefined) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(p.rate).toFixed(1)} `; pen = true;
    });
    if (d) root.append(svg("path", { d, fill: "none", stroke: "#2957d8", "stroke-width": 2.5, class: "rate-line" }));
    points.forEach((p, i) => {
      if (p.rate === null || p.rate === undefined) return;
      root.append(svg("circle", { cx: x(i), cy: y(p.rate), r: 3.5, fill: "#2957d8" },
        svg("title", {}, `${p.t.toLocaleString()}: ${fmt.pct(p.rate)} of ${p.n} processed`)));
    });
    const status = metrics.goalMet === null ? "no data" : metrics.goalMet ? "goal met" : "goal missed";
    return el("div", {},
      root,
      el("div", { class: "legend" },
        el("span", {}, el("i", { style: "background:#2957d8" }), "automation rate"),
        el("span", {}, el("i", { style: "background:#c62828" }), `goal ${fmt.pct(metrics.goal)}`),
        el("span", {}, `over the window: ${fmt.pct(metrics.totals.automationRate)} of ${fmt.int(metrics.totals.processed)} processed — `, statusPill(status))));
  }

  // ---------- error vs automation curve ----------
  // The curve replays the recorded scores at every value of one threshold; the other thresholds are the customer's
  // effective settings (Documents owns them, so they are read from /api/automation/settings and passed along).
  const curveState = { threshold: "automation", documentType: "" };
  const curveTypes = ["Invoice", "Receipt", "CreditNote", "PurchaseOrder", "Other"];
  async function renderCurve(panel) {
    const settings = (await get("/api/automation/settings")).effective;
    const query = new URLSearchParams({ range: automationState.range, threshold: curveState.threshold });
    for (const k of ["automationThreshold", "confidenceThreshold", "completenessThreshold", "validationThreshold", "manualInterventionThreshold"])
      query.set(k, settings[k]);
    if (curveState.documentType) query.set("documentType", curveState.documentType);
    let curve;
    try { curve = await get(`/api/analytics/automation/curve?${query}`); } catch (e) { fill(panel, errorBox(e)); return; }
    const types = [...new Set([...curveTypes, ...curve.documentTypes.map(t => t.documentType)])];
    const typeSelect = el("select", { id: "curve-type", "aria-label": "Document type", onchange: e => { curveState.documentType = e.target.value; renderCurve(panel); } },
      el("option", { value: "" }, "All types"),
      types.map(t => el("option", { value: t, selected: t === curveState.documentType }, t)));
    const thresholdSelect = el("select", { id: "curve-threshold", "aria-label": "Threshold", onchange: e => { curveState.threshold = e.target.value; renderCurve(panel); } },
      [["automation", "Automation threshold"], ["confidence", "Confidence threshold"]].map(([v, label]) => el("option", { value: v, selected: v === curveState.threshold }, label)));
    const c = curve.current;
    const summary = curve.sampleSize === 0 ? "No documents in the window." :
      `At the current ${curve.threshold} threshold ${fmt.num(curve.currentValue)}: ${fmt.pct(c.automationRate)} automated (${fmt.int(c.automated)} of ${fmt.int(curve.sampleSize)}); ` +
      (c.errorRate === null ? "no reviewed document among them" : `error rate ${fmt.pct(c.errorRate)} of ${fmt.int(c.labelled)} reviewed (95%: ${fmt.pct(c.errorRateLow)}–${fmt.pct(c.errorRateHigh)})`) +
      `; estimated from confidence ${fmt.pct(c.estimatedErrorRate)}. ${fmt.int(curve.reviewed)} reviewed documents in the window.`;
    fill(panel,
      el("div", { class: "toolbar" }, el("strong", {}, "Errors vs automation"), typeSelect, thresholdSelect),
      curveChart(curve),
      el("div", { class: "legend" },
        el("span", {}, el("i", { style: "background:#2957d8" }), "automated share"),
        el("span", {}, el("i", { style: "background:#c62828" }), "error rate (reviewed documents)"),
        el("span", {}, el("i", { style: "background:#e08a00" }), "estimated error rate (confidence)"),
        el("span", {}, el("i", { style: "background:#1d2330" }), "current threshold")),
      el("p", { class: "muted", id: "curve-summary" }, summary),
      el("p", { class: "muted small" }, curve.method));
  }

  function curveChart(curve) {
    const { W, H, L, R, T, B } = chart;
    const points = curve.points;
    const lo = points.length ? points[0].threshold : 0, hi = points.length ? points[points.length - 1].threshold : 1;
    const x = v => L + (hi === lo ? (W - L - R) / 2 : (v - lo) * (W - L - R) / (hi - lo));
    const y = rateY;
    const root = percentFrame({ id: "curve-chart", "aria-label": `Automation share and error rate against the ${curve.threshold} threshold` });
    const every = Math.max(1, Math.ceil(points.length / 10));
    points.forEach((p, i) => {
      const last = points.length - 1;
      if (i !== last && (i % every !== 0 || last - i < every)) return; // the last label, and none running into it
      root.append(svg("text", { x: x(p.threshold), y: H - B + 18, "text-anchor": "middle", "font-size": 11, fill: "#6b7280" }, p.threshold.toFixed(2)));
    });
    if (curve.currentValue >= lo && curve.currentValue <= hi)
      root.append(svg("line", { x1: x(curve.currentValue), x2: x(curve.currentValue), y1: T, y2: H - B, stroke: "#1d2330", "stroke-dasharray": "4 3", class: "current-marker" },
        svg("title", {}, `current ${curve.threshold} threshold ${fmt.num(curve.currentValue)}`)));
    // Lines are broken where a rate has no basis (nothing automated, nothing reviewed): no rate, not 0 %.
    const line = (key, colour, cls, dash) => {
      let d = "", pen = false;
      for (const p of points) {
        const r = p[key];
        if (r === null || r === undefined) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${x(p.threshold).toFixed(1)},${y(r).toFixed(1)} `; pen = true;
      }
      if (d) root.append(svg("path", { d, fill: "none", stroke: colour, "stroke-width": 2.2, class: cls, "stroke-dasharray": dash || "none" }));
    };
    line("automationRate", "#2957d8", "automation-line");
    line("estimatedErrorRate", "#e08a00", "estimate-line", "5 4");
    line("errorRate", "#c62828", "error-line");
    for (const p of points) {
      if (p.errorRate === null || p.errorRate === undefined) continue;
      root.append(svg("circle", { cx: x(p.threshold), cy: y(p.errorRate), r: 3, fill: "#c62828", class: "error-point" },
        svg("title", {}, `${p.threshold.toFixed(2)}: ${fmt.pct(p.errorRate)} errors among ${p.labelled} reviewed of ${p.automated} automated (${fmt.pct(p.automationRate)})`)));
    }
    const at = points.find(p => p.isCurrent);
    if (at && at.automationRate !== null)
      root.append(svg("circle", { cx: x(curve.currentValue), cy: y(curve.current.automationRate), r: 5, fill: "#fff", stroke: "#1d2330", "stroke-width": 2, class: "current-point" },
        svg("title", {}, `current: ${fmt.pct(curve.current.automationRate)} automated`)));
    return root;
  }

  async function departmentGoals(metrics) {
    const list = await get("/api/documents?pageSize=200");
    const named = [...new Set(list.items.map(d => d.department).filter(Boolean))].sort();
    // Analytics files documents without a department under "unassigned"; they get a row of their own, last.
    const unassigned = list.items.some(d => !d.department);
    const departments = [...named.filter(d => !(unassigned && d === noDepartment)).map(d => ({ key: d, label: d })),
      ...(unassigned ? [{ key: noDepartment, label: named.includes(noDepartment) ? `${noDepartment} and (no department)` : "(no department)" }] : [])];
    if (departments.length === 0) return empty("No documents yet: each department (and documents without one) gets a row here.");
    const rows = await Promise.all(departments.map(async ({ key, label }) => {
      const m = await get(`/api/analytics/automation?range=${automationState.range}&department=${encodeURIComponent(key)}`);
      return { department: label, m };
    }));
    const t = table([
      { title: "Department", render: r => r.department },
      { title: "Processed", num: true, render: r => fmt.int(r.m.totals.processed) },
      { title: "Automated", num: true, render: r => fmt.int(r.m.totals.automated) },
      { title: "Needs review", num: true, render: r => fmt.int(r.m.totals.needsReview) },
      { title: "Manual", num: true, render: r => fmt.int(r.m.totals.manual) },
      { title: "Failed", num: true, render: r => fmt.int(r.m.totals.failed) },
      { title: "Rate", num: true, render: r => fmt.pct(r.m.totals.automationRate) },
      { title: "Goal", num: true, render: r => fmt.pct(r.m.goal) },
      { title: "Status", render: r => statusPill(r.m.goalMet === null ? "no data" : r.m.goalMet ? "met" : "missed") },
    ], rows);
    t.id = "department-goals";
    return t;
  }
  const noDepartment = "unassigned";

  // ---------- documents ----------
  async function renderDocuments(screen) {
    const message = el("div", {});
    const file = el("input", { type: "file", name: "file", id: "upload-file", required: true });
    const department = el("input", { name: "department", id: "upload-department", placeholder: "e.g. accounts-payable" });
    const industry = el("input", { name: "industry", id: "upload-industry", placeholder: "optional" });
    const form = el("form", { class: "inline", id: "upload-form" },
      el("label", {}, "File (PDF, image, XML e-invoice, text)", file),
      el("label", {}, "Department", department),
      el("label", {}, "Industry", industry),
      el("button", { class: "primary", type: "submit", id: "upload-submit" }, "Upload"));
    form.addEventListener("submit", async e => {
      e.preventDefault();
      if (!file.files.length) return;
      const data = new FormData();
      data.append("file", file.files[0]);
      if (department.value.trim()) data.append("department", department.value.trim());
      if (industry.value.trim()) data.append("industry", industry.value.trim());
      fill(message, el("span", { class: "muted" }, "Uploading…"));
      try {
        const r = await api("/api/documents", { body: data });
        fill(message, el("span", { id: "upload-result" },
          r.body.duplicate ? "Already received: " : "Accepted: ",
          el("a", { href: `#/documents/${r.body.id}` }, r.body.id)));
        form.reset();
        await refresh();
      } catch (err) { fill(message, errorBox(err)); }
    });
    const listHost = el("div", { id: "documents-list" });
    add(screen, el("h1", {}, "Documents"), el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Upload"), form, message),
      el("h2", {}, "Documents"), listHost);

    async function refresh() {
      const list = await get("/api/documents?pageSize=100");
      fill(listHost, list.items.length === 0 ? empty("No documents yet.") : table([
        { title: "File", render: d => d.fileName },
        { title: "Status", render: d => statusPill(d.status) },
        { title: "Type", render: d => d.documentType || "–" },
        { title: "Decision", render: d => d.decision ? statusPill(d.decision) : "–" },
        { title: "Automation", num: true, render: d => fmt.pct(d.automationScore) },
        { title: "Department", render: d => d.department || "–" },
        { title: "Received", render: d => fmt.time(d.receivedAt) },
      ], list.items, d => { location.hash = `#/documents/${d.id}`; }));
      if (list.total > list.items.length) listHost.append(el("p", { class: "muted" }, `Showing the newest ${list.items.length} of ${list.total}.`));
    }
    current.refresh = refresh;
    await refresh();
  }

  // The original next to what was read from it. When the text has positions (a PDF's text layer, OCR of an image) the
  // pages are shown with what was read drawn over them; the original as the browser shows it stays one click away.
  // Without positions: PDFs and images as themselves (the browser renders them from /content), everything else (text,
  // XML, TIFF, which browsers cannot show) as the extracted text from /text.
  // Built once per screen: live refreshes re-render the fields around it, never reload the file.
  function documentViewer(doc) {
    const id = encodeURIComponent(doc.id);
    const src = `/api/documents/${id}/content`;
    const open = el("a", { href: src, target: "_blank", rel: "noopener" }, "Open the original ↗");
    const textHost = el("div", { id: "document-text-host" });
    async function loadText() {
      try { fill(textHost, el("pre", { id: "document-text", class: "doc-text" }, await getText(`/api/documents/${id}/text`))); }
      catch (e) { fill(textHost, e.status === 404 ? el("div", { class: "empty", id: "document-text-missing" }, (e.body && e.body.detail) || "No text was read from this document.") : errorBox(e)); }
    }
    const original = doc.mediaType === "application/pdf"
      ? () => el("iframe", { class: "doc-frame", id: "document-frame", src, title: `Document ${doc.fileName}` })
      : /^image\/(png|jpeg)$/.test(doc.mediaType)
        ? () => el("div", { class: "doc-image" }, el("img", { id: "document-image", src, alt: `Document ${doc.fileName}` }))
        : null;
    const title = el("h2", {}, "Document");
    const stage = el("div", {});
    const details = el("details", {}, el("summary", {}, "Extracted text"), textHost);
    details.addEventListener("toggle", () => { if (details.open && !textHost.firstChild) loadText(); });
    function withoutLayout() {
      if (original) { fill(stage, original(), details); return; }
      title.textContent = "Document text";
      fill(stage, textHost);
      textHost.append(el("p", { class: "muted" }, "Loading text…"));
      loadText();
    }
    if (/^(application\/pdf|image\/(png|jpeg|tiff))$/.test(doc.mediaType)) {
      fill(stage, el("p", { class: "muted" }, "Loading pages…"));
      get(`/api/documents/${id}/layout`).then(layout => {
        const pages = pagesView(layout);
        const body = el("div", {}, pages);
        let shownOriginal = null;
        const buttons = [["pages", "Pages"], ["original", "Original"]].map(([view, label]) =>
          el("button", { type: "button", "data-view": view, class: view === "pages" ? "on" : null, onclick: () => {
            buttons.forEach(b => b.classList.toggle("on", b.dataset.view === view));
            fill(body, view === "pages" ? pages : (shownOriginal ||= original()));
          } }, label));
        fill(stage, original ? el("div", { class: "seg", id: "document-view-switch", style: "margin-bottom:8px" }, buttons) : null, body, details);
      }, withoutLayout);
    } else withoutLayout();
    return el("div", { class: "panel doc-viewer", id: "document-viewer" }, el("div", { class: "doc-head" }, title, open), stage);
  }

  // Each page's image under an SVG in the page's own units (viewBox = page size, boxes top-left): faint boxes for every
  // word read, marked boxes named after their fields for the extracted ones (fields read from the same words share a
  // box and a label; labels that would overlap are stacked). Works at any width: the SVG scales with the image.
  function pagesView(layout) {
    return el("div", { class: "doc-pages", id: "document-pages" }, layout.pages.map(p => {
      const unit = Math.max(p.width, p.height) / 1000;
      const groups = new Map();
      for (const f of layout.fields.filter(f => f.page === p.number && f.boxes.length > 0)) {
        const key = JSON.stringify(f.boxes);
        if (!groups.has(key)) groups.set(key, { boxes: f.boxes, fields: [] });
        groups.get(key).fields.push(f);
      }
      const placed = [];
      function label(x, y, text) {
        const size = 11 * unit, width = text.length * size * 0.62;
        while (placed.some(r => x < r.x + r.width && r.x < x + width && Math.abs(r.y - y) < size * 1.15)) y -= size * 1.15;
        placed.push({ x, y, width });
        return svg("text", { x, y, "font-size": size }, text);
      }
      const overlay = svg("svg", { class: "page-overlay", viewBox: `0 0 ${p.width} ${p.height}`, preserveAspectRatio: "none",
        role: "img", "aria-label": `Words and fields read on page ${p.number}` },
        svg("g", { class: "words" }, p.words.map(w => svg("rect", { x: w.x, y: w.y, width: w.width, height: w.height },
          svg("title", {}, w.confidence == null ? w.text : `${w.text} (${fmt.pct(w.confidence)})`)))),
        [...groups.values()].map(({ boxes, fields }) => svg("g", { class: "field-box", "data-field-box": fields.map(f => f.name).join(" ") },
          svg("title", {}, fields.map(f => `${f.name}: ${fmt.field(f.name, f.value)}`).join("\n")),
          boxes.map(b => svg("rect", { x: b.x - 2 * unit, y: b.y - 2 * unit, width: b.width + 4 * unit, height: b.height + 4 * unit, rx: 2 * unit })),
          label(boxes[0].x - 2 * unit, boxes[0].y - 5 * unit, fields.map(f => f.name).join(" · ")))));
      const image = el("img", { class: "page-image", src: p.imageUrl, alt: `Page ${p.number}`, loading: "lazy" });
      const page = el("figure", { class: "doc-page", "data-page": p.number, style: `aspect-ratio: ${p.width} / ${p.height}` }, image, overlay);
      image.addEventListener("error", () => {
        page.classList.add("no-image");
        page.append(el("figcaption", {}, "The page image could not be shown; the words read are drawn on a blank page."));
      }, { once: true });
      return page;
    }));
  }

  // A field's row and its boxes on the page light up together (detail and review screens).
  function markField(event, on) {
    const row = event.target.closest && event.target.closest("[data-field-row]");
    if (!row || (event.relatedTarget && row.contains(event.relatedTarget))) return;
    view.querySelectorAll(`[data-field-box~="${CSS.escape(row.dataset.fieldRow)}"]`).forEach(box => {
      box.classList.toggle("hover", on);
      if (on && event.type === "focusin") box.scrollIntoView({ block: "nearest" });
    });
  }
  view.addEventListener("mouseover", e => markField(e, true));
  view.addEventListener("mouseout", e => markField(e, false));
  view.addEventListener("focusin", e => markField(e, true));
  view.addEventListener("focusout", e => markField(e, false));

  async function renderDocument(screen, id) {
    const head = el("div", {});
    const info = el("div", {});
    const grid = el("div", { class: "grid2 doc-grid" });
    add(screen, el("p", {}, el("a", { href: "#/documents" }, "← Documents")), head, grid);
    let viewer = null;
    async function refresh() {
      const [doc, events] = await Promise.all([get(`/api/documents/${id}`), get(`/api/documents/${id}/events`)]);
      const awaits = doc.status === "NeedsReview" || (doc.status === "Decided" && doc.decision === "Manual");
      if (!viewer) { viewer = documentViewer(doc); fill(grid, viewer, info); }
      fill(head,
        el("h1", {}, doc.fileName, " ", statusPill(doc.status)),
        awaits ? el("p", {}, el("a", { href: `#/review/${id}`, class: "pill warn" }, "Open in review →")) : null);
      fill(info,
        el("div", { class: "panel" }, summary(doc)),
        el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Fields"), fieldsTable(doc)),
        el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Event timeline"), timeline(events)));
    }
    current.refresh = refresh;
    await refresh();
  }

  function summary(doc) {
    const s = doc.scores || {};
    return el("dl", { class: "kv" }, [
      ["Document type", `${doc.documentType || "–"}${doc.typeConfidence != null ? ` (${fmt.pct(doc.typeConfidence)})` : ""}`],
      ["Decision", doc.decision || "–"],
      ["Department", doc.department || "–"],
      ["Media type", `${doc.mediaType}, ${fmt.int(doc.sizeBytes)} bytes`],
      ["Scores", `confidence ${fmt.pct(s.confidence)} · completeness ${fmt.pct(s.completeness)} · validation ${fmt.pct(s.validation)} · automation ${fmt.pct(s.automation)}`],
      ["Reasons", (doc.reasons || []).join("; ") || "–"],
      ["Received", fmt.time(doc.receivedAt)],
      ["Processing", doc.processingMs != null ? `${fmt.int(Math.round(doc.processingMs))} ms` : "–"],
    ].flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  const confidenceClass = c => c < 0.7 ? "conf-low" : c < 0.9 ? "conf-mid" : "";
  // How the local extractor found a value (its calibrated confidence comes from this evidence), shown on hover.
  const evidenceText = f => f.evidence
    ? `found by ${f.evidence.method}${f.evidence.signals?.length ? "; " + f.evidence.signals.join(", ") : ""}${f.evidence.calibration ? " (calibration " + f.evidence.calibration + ")" : ""}`
    : `from ${f.provider}`;
  function fieldsTable(doc) {
    const names = Object.keys(doc.fields || {});
    return names.length === 0 ? empty("No fields were extracted.") : fieldRows(doc, names, f => fmt.field(f.name, f.value));
  }
  // Field, value (as text or as an editable box) and confidence with the provider under it, so the value gets the room.
  function fieldRows(doc, names, value, id) {
    const t = table([
      { title: "Field", render: f => f.name },
      { title: "Value", render: value },
      { title: "Confidence", num: true, render: f => [
        el("span", { class: `pill ${f.confidence < 0.7 ? "bad" : f.confidence < 0.9 ? "warn" : "good"}`, title: evidenceText(f) }, fmt.pct(f.confidence)),
        el("div", { class: "muted small" }, f.provider)] },
    ], names.map(name => ({ name, ...doc.fields[name] })));
    if (id) t.id = id;
    return markRows(t, doc, names);
  }
  // Rows coloured by confidence and named after their field (so hovering one marks its box on the page).
  function markRows(t, doc, names) {
    [...t.tBodies[0].rows].forEach((row, i) => {
      row.dataset.fieldRow = names[i];
      const c = confidenceClass(doc.fields[names[i]].confidence); if (c) row.classList.add(c);
    });
    return t;
  }

  function timeline(events) {
    return el("ol", { class: "timeline", id: "timeline" }, events.map(e =>
      el("li", {}, el("details", {},
        el("summary", {}, el("b", {}, e.type.replaceAll("_", " ")), " ", el("span", { class: "muted" }, fmt.time(e.time))),
        el("pre", {}, JSON.stringify(e.data, null, 2))))));
  }

  // ---------- review ----------
  async function renderReviewQueue(screen) {
    const host = el("div", { id: "review-queue" });
    add(screen, el("h1", {}, "Review queue"), host);
    async function refresh() {
      const queue = await get("/api/documents/review-queue?pageSize=100");
      updateQueueBadge(queue.total);
      fill(host, queue.items.length === 0 ? empty("Nothing waits for review.") : table([
        { title: "File", render: d => d.fileName },
        { title: "Type", render: d => d.documentType || "–" },
        { title: "Department", render: d => d.department || "–" },
        { title: "Automation", num: true, render: d => fmt.pct(d.automationScore) },
        { title: "Why", render: d => (d.reasons || []).join("; ") },
        { title: "Received", render: d => fmt.time(d.receivedAt) },
      ], queue.items, d => { location.hash = `#/review/${d.id}`; }));
    }
    current.refresh = refresh;
    await refresh();
  }

  async function renderReview(screen, id) {
    const doc = await get(`/api/documents/${id}`);
    const events = await get(`/api/documents/${id}/events`);
    const awaits = doc.status === "NeedsReview" || (doc.status === "Decided" && doc.decision === "Manual");
    const message = el("div", { id: "review-message" });
    const names = Object.keys(doc.fields || {});
    const inputs = new Map(names.map(name => {
      const original = fmt.field(name, doc.fields[name].value);
      // A textarea that grows with its content: long values (names, addresses) wrap and stay readable in full.
      const input = el("textarea", { class: "field-value", rows: 1, "data-field": name, spellcheck: "false", disabled: !awaits,
        oninput: e => e.target.classList.toggle("changed", e.target.value !== original) });
      input.value = original;
      return [name, input];
    }));
    const fields = names.length === 0 ? empty("No fields were extracted.") : fieldRows(doc, names, f => inputs.get(f.name), "review-fields");
    // The type can be corrected too (the vendor's profile learns it); fields are renamed for the new type on the server.
    const typeSelect = el("select", { id: "review-type", disabled: !awaits },
      ["Invoice", "Receipt", "CreditNote", "PurchaseOrder", "Other"].map(t => el("option", { value: t, selected: t === doc.documentType }, t)));
    const reviewer = el("input", { id: "reviewer", value: localStorage.getItem("reviewer") || "", placeholder: "your name" });
    const comment = el("input", { id: "review-comment", placeholder: "optional", style: "min-width:260px" });
    async function submit(action) {
      const corrections = {};
      for (const [name, input] of inputs) if (input.value !== fmt.field(name, doc.fields[name].value)) corrections[name] = input.value;
      if (reviewer.value.trim()) localStorage.setItem("reviewer", reviewer.value.trim());
      buttons.forEach(b => { b.disabled = true; });
      try {
        const documentType = typeSelect.value !== doc.documentType ? typeSelect.value : null;
        const r = await api(`/api/documents/${id}/review`, { json: { action, corrections, documentType, reviewer: reviewer.value.trim() || null, comment: comment.value.trim() || null } });
        fill(message, el("p", {}, statusPill(r.body.status), ` ${Object.keys(corrections).length} field(s) corrected. `,
          el("a", { href: "#/review" }, "Back to the queue")));
        setTimeout(() => { if (location.hash === `#/review/${id}`) location.hash = "#/review"; }, 1200);
      } catch (e) { fill(message, errorBox(e)); buttons.forEach(b => { b.disabled = false; }); }
    }
    const buttons = [
      el("button", { class: "primary", id: "approve", type: "button", onclick: () => submit("approve"), disabled: !awaits }, "Approve"),
      el("button", { class: "danger", id: "reject", type: "button", onclick: () => submit("reject"), disabled: !awaits }, "Reject"),
    ];
    const textRead = events.find(e => e.type === "document_text_read");
    const details = el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Details"),
      summary(doc),
      textRead ? el("p", { class: "muted" }, `Text read from ${textRead.data.source}: ${textRead.data.pages} page(s), ${fmt.int(textRead.data.characters)} characters.`) : null,
      (doc.lineItems || []).length ? el("div", {}, el("h2", {}, "Line items"), table(
        Object.keys(doc.lineItems[0]).map(k => ({ title: k, num: typeof doc.lineItems[0][k] === "number", render: li => fmt.value(li[k]) })), doc.lineItems)) : null,
      (doc.validation || []).length ? el("div", {}, el("h2", {}, "Validation"), table([
        { title: "Rule", render: r => r.rule }, { title: "Result", render: r => statusPill(!r.applicable ? "n/a" : r.passed ? "passed" : "failed") },
        { title: "Message", render: r => r.message }], doc.validation)) : null);
    add(screen,
      el("p", {}, el("a", { href: "#/review" }, "← Review queue")),
      el("h1", {}, "Review: ", doc.fileName, " ", statusPill(doc.status)),
      awaits ? null : el("p", { class: "muted" }, "This document is not waiting for review."),
      el("div", { class: "grid2 doc-grid" }, documentViewer(doc),
        el("div", {},
          el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Extracted fields"),
            el("p", { class: "muted" }, "Low confidence is red (< 70 %), medium amber (< 90 %). Edit a value to correct it."),
            fields,
            el("div", { class: "toolbar", style: "margin-top:12px" }, el("label", {}, "Type", typeSelect), el("label", {}, "Reviewer", reviewer), el("label", {}, "Comment", comment), ...buttons),
            message),
          details)));
  }

  // ---------- usage ----------
  const usageState = { range: "7d" };
  const usageTotals = [
    ["calls", "Calls", fmt.int], ["cacheHits", "Cache hits", fmt.int], ["cacheHitRate", "Cache hit rate", fmt.pct],
    ["inputTokens", "Tokens in", fmt.int], ["outputTokens", "Tokens out", fmt.int], ["estimatedCostUsd", "Estimated cost", fmt.usd],
    ["failures", "Failures", fmt.int], ["p95LatencyMs", "p95 latency", fmt.ms], ["ungrounded", "Ungrounded answers", fmt.int],
  ];
  async function renderUsage(screen) {
    const host = el("div", { id: "usage" });
    const picker = el("div", {});
    add(screen, el("h1", {}, "Provider usage and cost"), el("div", { class: "toolbar" }, picker), host);
    async function refresh() {
      fill(picker, rangePicker(usageState, () => refresh().catch(e => fill(host, errorBox(e))), "usage-range"));
      let usage;
      try { usage = await get(`/api/analytics/usage?range=${usageState.range}`); } catch (e) {
        if (e.status === 404) { fill(host, empty("Usage and cost figures are not available yet.")); return; }
        throw e;
      }
      const rows = usage.rows || [];
      const t = usage.totals || {};
      fill(host,
        el("p", { class: "muted" }, `${fmt.time(usage.from)} – ${fmt.time(usage.to)}`),
        el("div", { class: "counters", id: "usage-totals" }, usageTotals.map(([key, label, format]) =>
          el("div", { class: "counter", "data-key": key }, el("div", { class: "label" }, label), el("div", { class: "value" }, format(t[key]))))),
        rows.length === 0 ? empty("No provider calls in this window.") : el("div", { class: "panel" }, table([
          { title: "Day", render: r => r.day },
          { title: "Provider", render: r => r.provider },
          { title: "Model", render: r => r.model || "–" },
          { title: "Step", render: r => r.step || "–" },
          { title: "Calls", num: true, render: r => fmt.int(r.calls) },
          { title: "Cache hits", num: true, render: r => `${fmt.int(r.cacheHits)} (${fmt.pct(r.cacheHitRate)})` },
          { title: "Tokens in", num: true, render: r => fmt.int(r.inputTokens) },
          { title: "Tokens out", num: true, render: r => fmt.int(r.outputTokens) },
          { title: "Cost", num: true, render: r => fmt.usd(r.estimatedCostUsd) },
          { title: "Failures", num: true, render: r => fmt.int(r.failures) },
          { title: "p95 latency", num: true, render: r => fmt.ms(r.p95LatencyMs) },
        ], rows)));
    }
    current.refresh = refresh;
    await refresh();
  }

  // ---------- companies ----------
  const supplierLabel = a => a.companyName ? `${a.companyName} (${a.domain})` : a.domain;
  async function renderCompanies(screen) {
    const out = el("div", {});
    const supplierUrl = el("input", { id: "supplier-url", placeholder: "https://supplier.example", required: true, class: "url-input" });
    const supplierCountry = el("input", { id: "supplier-country", placeholder: "DE", required: true, size: 4 });
    const supplierForm = el("form", { class: "inline" }, el("label", {}, "Website", supplierUrl), el("label", {}, "Country", supplierCountry),
      el("button", { class: "primary", type: "submit" }, "Analyse supplier"));
    supplierForm.addEventListener("submit", async e => {
      e.preventDefault();
      try {
        const r = await api("/api/supplier-analyses", { json: { url: supplierUrl.value.trim(), country: supplierCountry.value.trim() } });
        location.hash = `#/companies/supplier/${r.body.id}`;
      } catch (err) { fill(out, errorBox(err)); }
    });
    const prospectUrl = el("input", { id: "prospect-url", placeholder: "https://prospect.example", required: true, class: "url-input" });
    const prospectCountry = el("input", { id: "prospect-country", placeholder: "FR", required: true, size: 4 });
    // Prospects are scored against one of the customer's completed supplier analyses, chosen by name.
    const prospectSupplier = el("select", { id: "prospect-supplier", required: true });
    const prospectForm = el("form", { class: "inline" }, el("label", {}, "Website", prospectUrl), el("label", {}, "Country", prospectCountry),
      el("label", {}, "Supplier", prospectSupplier), el("button", { class: "primary", type: "submit" }, "Analyse prospect"));
    prospectForm.addEventListener("submit", async e => {
      e.preventDefault();
      try {
        const r = await api("/api/prospect-analyses", { json: { url: prospectUrl.value.trim(), country: prospectCountry.value.trim(), supplierAnalysisId: prospectSupplier.value || null } });
        location.hash = `#/companies/prospect/${r.body.id}`;
      } catch (err) { fill(out, errorBox(err)); }
    });
    const domain = el("input", { id: "history-domain", placeholder: "example.com", required: true });
    const historyForm = el("form", { class: "inline" }, el("label", {}, "Company domain", domain), el("button", { class: "plain", type: "submit" }, "Show history"));
    historyForm.addEventListener("submit", e => { e.preventDefault(); location.hash = `#/companies/history/${encodeURIComponent(domain.value.trim())}`; });
    const suppliers = pagedList("supplier-analyses", "/api/supplier-analyses", [
      { title: "Company", render: a => supplierLabel(a) },
      { title: "Country", render: a => a.country },
      { title: "Status", render: a => statusPill(a.status) },
      { title: "Clusters", num: true, render: a => fmt.int(a.clusters) },
      { title: "Requested", render: a => fmt.time(a.requestedAt) },
    ], a => `#/companies/supplier/${a.id}`, "No supplier analyses yet.");
    const prospects = pagedList("prospect-analyses", "/api/prospect-analyses", [
      { title: "Company", render: a => supplierLabel(a) },
      { title: "Country", render: a => a.country },
      { title: "Status", render: a => statusPill(a.status) },
      { title: "Best cluster", render: a => a.bestCluster || "–" },
      { title: "Fit", num: true, render: a => fmt.pct(a.fit) },
      { title: "Expected", num: true, render: a => a.expectedOpportunity == null ? "–" : fmt.money(a.expectedOpportunity, a.currency) },
      { title: "Requested", render: a => fmt.time(a.requestedAt) },
    ], a => `#/companies/prospect/${a.id}`, "No prospect analyses yet.");
    add(screen, el("h1", {}, "Companies"),
      el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Supplier analysis"), supplierForm),
      el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Prospect analysis"), prospectForm),
      el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Company history"), historyForm),
      out,
      el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Supplier analyses"), suppliers.node),
      el("div", { class: "panel" }, el("h2", { style: "margin-top:0" }, "Prospect analyses"), prospects.node));

    async function loadSuppliers() {
      const completed = (await get("/api/supplier-analyses?status=Completed&pageSize=200")).items;
      // Read after the fetch: a choice made while it ran (or a live refresh) is kept.
      const chosen = prospectSupplier.value || new URLSearchParams(location.hash.split("?")[1] || "").get("supplier");
      fill(prospectSupplier, completed.length === 0
        ? el("option", { value: "" }, "No completed supplier analysis yet")
        : [el("option", { value: "" }, "Choose a supplier…"),
          ...completed.map(a => el("option", { value: a.id, selected: a.id === chosen }, `${supplierLabel(a)} · ${fmt.time(a.finishedAt)}`))]);
    }
    async function refresh() { await Promise.all([loadSuppliers(), suppliers.load(), prospects.load()]); }
    current.refresh = refresh;
    await refresh();
  }

  // A list endpoint's pages (?page=&pageSize=) as a table with previous/next; a row opens its item.
  function pagedList(id, path, columns, link, emptyText, pageSize = 10) {
    const node = el("div", { id });
    let page = 1;
    async function load() {
      const list = await get(`${path}?page=${page}&pageSize=${pageSize}`);
      const pages = Math.max(1, Math.ceil(list.total / pageSize));
      const go = to => { page = to; load().catch(e => fill(node, errorBox(e))); };
      fill(node, list.items.length === 0 ? empty(emptyText) : [
        table(columns, list.items, item => { location.hash = link(item); }),
        pages > 1 ? el("div", { class: "toolbar pager", style: "margin:8px 0 0" },
          el("button", { type: "button", class: "plain", "data-page": "previous", disabled: page <= 1, onclick: () => go(page - 1) }, "← Newer"),
          el("span", { class: "muted" }, `Page ${page} of ${pages} (${fmt.int(list.total)})`),
          el("button", { type: "button", class: "plain", "data-page": "next", disabled: page >= pages, onclick: () => go(page + 1) }, "Older →")) : null,
      ]);
    }
    return { node, load };
  }

  // ---------- one analysis (supplier or prospect) ----------
  const isFact = v => v && typeof v === "object" && !Array.isArray(v) && "value" in v && ("confidence" in v || "evidence" in v);
  const evidenceList = evidence => (evidence || []).length ? el("ul", { class: "evidence" }, evidence.map(ev => el("li", {},
    /^https?:\/\//i.test(ev.url || "") ? el("a", { href: ev.url, target: "_blank", rel: "noopener noreferrer" }, ev.url) : (ev.url || ""),
    ev.snippet ? el("span", { class: "muted", title: ev.snippet.length > 160 ? ev.snippet : null },
      ` — “${ev.snippet.length > 160 ? ev.snippet.slice(0, 157).trimEnd() + "…" : ev.snippet}”`) : null))) : null;
  // Values of the shared model: IndustryCode {code,label}, SocialProfile {network,url}, ContactPoint {kind,value},
  // Offering {name,kind,description}, lists of those or of strings.
  function valueText(v) {
    if (v === null || v === undefined) return "–";
    if (Array.isArray(v)) return v.map(valueText).join(", ") || "–";
    if (typeof v !== "object") return String(v);
    if ("label" in v && "code" in v) return `${v.label} (${v.code})`;
    if ("network" in v && "url" in v) return `${v.network}: ${v.url}`;
    if ("kind" in v && "value" in v) return `${v.kind}: ${v.value}`;
    if ("name" in v) return v.name;
    return JSON.stringify(v);
  }
  const listText = list => (list || []).map(valueText).join(", ") || "–";
  function fact(name, v) {
    return [el("dt", {}, name), el("dd", {},
      valueText(v.value), v.confidence != null ? el("span", { class: "muted" }, ` (${fmt.pct(v.confidence)})`) : null,
      evidenceList(v.evidence))];
  }
  const humanize = k => k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, c => c.toUpperCase());
  const section = (id, title, ...body) => el("div", { class: "panel", id }, el("h2", { style: "margin-top:0" }, title), ...body);
  const finished = s => /^(completed|partial|failed)$/i.test(s || "");

  function stepsTable(steps) {
    return table([
      { title: "Step", render: s => s.name },
      { title: "Status", render: s => statusPill(s.status) },
      { title: "Latency", num: true, render: s => s.status === "Pending" ? "–" : fmt.ms(s.latencyMs) },
      { title: "Provider", render: s => s.usage ? [s.usage.provider, s.usage.model].filter(Boolean).join(" · ") + (s.usage.cacheHit ? " (cache)" : "") : (s.provider || "–") },
      { title: "Tokens in/out", num: true, render: s => s.usage && (s.usage.inputTokens || s.usage.outputTokens) ? `${fmt.int(s.usage.inputTokens)} / ${fmt.int(s.usage.outputTokens)}` : "–" },
      { title: "Cost", num: true, render: s => s.usage && s.usage.estimatedCostUsd ? fmt.usd(s.usage.estimatedCostUsd) : "–" },
      { title: "Error", render: s => s.error ? el("span", { class: "bad-text" }, s.error) : "" },
    ], steps);
  }
  function profileSection(profile) {
    const entries = Object.entries(profile).filter(([, v]) => v !== null && v !== undefined);
    return section("analysis-profile", "Profile", el("dl", { class: "kv" }, entries.flatMap(([k, v]) =>
      isFact(v) ? fact(humanize(k), v) : [el("dt", {}, humanize(k)), el("dd", {}, valueText(v))])));
  }
  function valuePropositionSection(vp) {
    const offerings = vp.offerings || [];
    return section("analysis-value-proposition", "Value proposition",
      offerings.length ? table([
        { title: "Offering", render: f => f.value && f.value.name },
        { title: "Kind", render: f => f.value && f.value.kind },
        { title: "Description", render: f => (f.value && f.value.description) || "" },
        { title: "Confidence", num: true, render: f => fmt.pct(f.confidence) },
        { title: "Evidence", render: f => evidenceList(f.evidence) },
      ], offerings) : empty("No offerings found."),
      el("dl", { class: "kv", style: "margin-top:12px" },
        el("dt", {}, "Differentiators"), el("dd", {}, (vp.differentiators || []).map(f => f.value).join("; ") || "–"),
        el("dt", {}, "Industries served"), el("dd", {}, (vp.industriesServed || []).map(f => valueText(f.value)).join(", ") || "–"),
        el("dt", {}, "Customer size focus"), el("dd", {}, vp.customerSizeFocus ? valueText(vp.customerSizeFocus.value) : "–"),
        el("dt", {}, "Analyzer"), el("dd", {}, vp.analyzer || "–")));
  }
  function clustersSection(clusters) {
    return section("analysis-clusters", "Customer clusters", clusters.length === 0 ? empty("No clusters.") : table([
      { title: "Cluster", render: c => el("b", {}, c.name) },
      { title: "Industries", render: c => listText(c.industries) },
      { title: "Sizes", render: c => listText(c.sizeBands) },
      { title: "Buyer roles", render: c => listText(c.buyerRoles) },
      { title: "Pains", render: c => listText(c.pains) },
      { title: "Spend categories", render: c => listText(c.spendCategories) },
      { title: "Rationale", render: c => el("span", { class: "muted" }, c.rationale || "") },
    ], clusters));
  }
  function employeesSection(e) {
    return section("analysis-employees", "Employees", el("dl", { class: "kv" },
      el("dt", {}, "Estimate"), el("dd", {}, `${fmt.int(e.estimate)} (${fmt.int(e.low)}–${fmt.int(e.high)}), ${e.band || ""}`),
      el("dt", {}, "Confidence"), el("dd", {}, fmt.pct(e.confidence)),
      el("dt", {}, "Method"), el("dd", {}, e.method || "–", evidenceList(e.evidence))));
  }
  function spendSection(categories) {
    return section("analysis-spend", "Spend categories", table([
      { title: "Category", render: c => `${c.label} (${c.code})` },
      { title: "Likelihood", num: true, render: c => fmt.pct(c.likelihood) },
      { title: "Evidence", render: c => evidenceList(c.evidence) },
    ], categories));
  }
  function fitSection(fits) {
    return section("analysis-fit", "Fit per cluster", table([
      { title: "Cluster", render: f => f.clusterName },
      { title: "Fit", num: true, render: f => el("span", { class: `pill ${f.score >= 0.7 ? "good" : f.score >= 0.4 ? "warn" : ""}` }, fmt.pct(f.score)) },
      { title: "Industry / size / spend", num: true, render: f => [f.industry, f.size, f.spend].map(x => x == null ? "–" : fmt.pct(x)).join(" / ") },
      { title: "Reasons", render: f => (f.reasons || []).length ? el("ul", { class: "evidence" }, f.reasons.map(r => el("li", {}, r))) : "–" },
    ], [...fits].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))));
  }
  function opportunitySection(o) {
    const money = n => fmt.money(n, o.currency);
    return section("analysis-opportunity", "Revenue opportunity",
      el("div", { class: "counters" },
        [["Low", o.low], ["Expected", o.expected], ["High", o.high]].map(([label, v]) =>
          el("div", { class: "counter" }, el("div", { class: "label" }, label), el("div", { class: "value" }, money(v))))),
      o.formula ? el("p", { class: "muted" }, "Formula: ", el("code", {}, o.formula)) : null,
      (o.lines || []).length ? table([
        { title: "Category", render: l => l.label || l.category },
        { title: "Likelihood", num: true, render: l => fmt.pct(l.likelihood) },
        { title: "USD / employee", num: true, render: l => fmt.num(l.spendPerEmployeeUsd, 0) },
        { title: "Low", num: true, render: l => money(l.low) },
        { title: "Expected", num: true, render: l => money(l.expected) },
        { title: "High", num: true, render: l => money(l.high) },
      ], o.lines) : null,
      (o.notes || []).length ? el("ul", { class: "evidence" }, o.notes.map(n => el("li", {}, n))) : null);
  }
  function totalsLine(t) {
    if (!t) return null;
    return el("p", { class: "muted", id: "analysis-totals" },
      `${fmt.int(t.providerCalls)} provider call(s), ${fmt.int(t.llmCalls)} LLM call(s), ${fmt.int(t.inputTokens)} / ${fmt.int(t.outputTokens)} tokens, ` +
      `${fmt.usd(t.estimatedCostUsd)}, ${fmt.int(t.cacheHits)} cache hit(s), ${fmt.ms(t.stepTimeMs)} in steps`);
  }
  async function pipelineSection(supplierId) {
    let p;
    try { p = await get(`/api/analytics/suppliers/${supplierId}/pipeline`); } catch (e) {
      if (e.status === 404) return section("supplier-pipeline", "Pipeline", empty("No prospects analysed against this supplier yet."));
      return section("supplier-pipeline", "Pipeline", errorBox(e));
    }
    const totalsTable = (rows, keyTitle) => rows.length === 0 ? empty("–") : table([
      { title: keyTitle, render: t => t.label || t.key },
      { title: "Prospects", num: true, render: t => fmt.int(t.prospects) },
      { title: "Low", num: true, render: t => fmt.money(t.low, t.currency) },
      { title: "Expected", num: true, render: t => el("b", {}, fmt.money(t.expected, t.currency)) },
      { title: "High", num: true, render: t => fmt.money(t.high, t.currency) },
      { title: "Avg fit", num: true, render: t => fmt.pct(t.averageFit) },
    ], rows);
    return section("supplier-pipeline", "Pipeline",
      el("p", { class: "muted" }, `${fmt.int(p.prospects)} prospect(s) analysed${p.notCompleted ? `, ${fmt.int(p.notCompleted)} not completed` : ""}.`),
      (p.prospects || 0) === 0 ? empty("No prospects analysed against this supplier yet.") : [
        totalsTable(p.totals || [], "Currency"),
        el("div", { class: "grid2", style: "margin-top:12px" },
          el("div", {}, el("h2", {}, "By cluster"), totalsTable(p.byCluster || [], "Cluster")),
          el("div", {}, el("h2", {}, "By country"), totalsTable(p.byCountry || [], "Country"))),
        (p.top || []).length ? el("div", {}, el("h2", {}, "Top prospects"), table([
          { title: "Company", render: t => t.companyName || t.domain },
          { title: "Country", render: t => t.country },
          { title: "Cluster", render: t => t.cluster || "–" },
          { title: "Fit", num: true, render: t => fmt.pct(t.fit) },
          { title: "Expected", num: true, render: t => fmt.money(t.expected, t.currency) },
        ], p.top, t => { location.hash = `#/companies/prospect/${t.prospectAnalysisId}`; })) : null,
      ]);
  }

  async function renderAnalysis(screen, kind, id) {
    const host = el("div", { id: "analysis" });
    add(screen, el("p", {}, el("a", { href: "#/companies" }, "← Companies")), host);
    let timer = null;
    async function refresh() {
      const a = await get(`/api/${kind}-analyses/${id}`);
      const profile = a.profile && typeof a.profile === "object" ? a.profile : null;
      const steps = Array.isArray(a.steps) ? a.steps : [];
      const done = finished(a.status);
      const name = profile && profile.companyName ? profile.companyName.value : a.domain;
      fill(host,
        el("h1", {}, `${kind === "supplier" ? "Supplier" : "Prospect"} analysis: `, el("span", { id: "analysis-company" }, name || ""), " ",
          el("span", { id: "analysis-status" }, statusPill(a.status))),
        el("div", { class: "panel" }, el("dl", { class: "kv" },
          el("dt", {}, "Website"), el("dd", {}, /^https?:\/\//i.test(a.url || "") ? el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer" }, a.url) : a.url),
          el("dt", {}, "Country / currency"), el("dd", {}, `${a.country} · ${a.currency}`),
          a.supplierAnalysisId ? [el("dt", {}, "Supplier"), el("dd", {}, el("a", { href: `#/companies/supplier/${a.supplierAnalysisId}` }, a.supplierAnalysisId))] : null,
          el("dt", {}, "Requested"), el("dd", {}, fmt.time(a.requestedAt)),
          el("dt", {}, "Finished"), el("dd", {}, a.finishedAt ? `${fmt.time(a.finishedAt)} (${fmt.ms(a.durationMs)})` : "–")),
          totalsLine(a.totals),
          a.domain ? el("p", {}, el("a", { href: `#/companies/history/${encodeURIComponent(a.domain)}` }, "Company history →")) : null),
        steps.length ? section("analysis-steps", "Steps", stepsTable(steps)) : null,
        profile ? profileSection(profile) : null,
        a.valueProposition ? valuePropositionSection(a.valueProposition) : null,
        Array.isArray(a.clusters) && (a.clusters.length || done) ? clustersSection(a.clusters) : null,
        a.employees ? employeesSection(a.employees) : null,
        (a.spendCategories || []).length ? spendSection(a.spendCategories) : null,
        (a.clusterFit || []).length ? fitSection(a.clusterFit) : null,
        a.opportunity ? opportunitySection(a.opportunity) : null,
        kind === "supplier" && a.status === "Completed" ? el("p", {}, el("a", { href: `#/companies?supplier=${id}`, id: "analyse-prospect" }, "Analyse a prospect for this supplier →")) : null,
        kind === "supplier" && done ? await pipelineSection(id) : null,
        el("details", { class: "panel" }, el("summary", {}, "All data (JSON)"), el("pre", {}, JSON.stringify(a, null, 2))));
      clearTimeout(timer);
      if (!done) timer = setTimeout(() => { if (current.refresh === refresh) refresh().catch(() => {}); }, 1500);
    }
    current.refresh = refresh;
    await refresh();
  }
  async function renderHistory(screen, domain) {
    add(screen, el("p", {}, el("a", { href: "#/companies" }, "← Companies")), el("h1", {}, `History of ${domain}`));
    let h;
    try { h = await get(`/api/analytics/companies/${encodeURIComponent(domain)}/history`); } catch (e) {
      add(screen, e.status === 404 ? empty("No analyses of this company yet.") : errorBox(e));
      return;
    }
    const latest = h.latest || {};
    const money = r => r.expectedOpportunity == null ? "–" : fmt.money(r.expectedOpportunity, r.currency);
    add(screen,
      section("history-latest", "Latest facts", el("dl", { class: "kv" }, [
        ["Company", latest.companyName || "–"], ["Industry", latest.industryCode || "–"],
        ["Employees", latest.employees == null ? "–" : fmt.int(latest.employees)], ["Best cluster", latest.bestCluster || "–"],
        ["Fit", fmt.pct(latest.fit)], ["Expected opportunity", money(latest)], ["As of", fmt.time(latest.at)],
      ].flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]))),
      section("history-analyses", "Analyses", (h.analyses || []).length === 0 ? empty("No analyses.") : table([
        { title: "Requested", render: r => fmt.day(r.at) },
        { title: "Kind", render: r => humanize(r.kind || "") },
        { title: "Status", render: r => statusPill(r.status) },
        { title: "Company", render: r => r.companyName || "–" },
        { title: "Country", render: r => r.country },
        { title: "Industry", render: r => r.industryCode || "–" },
        { title: "Employees", num: true, render: r => r.employees == null ? "–" : fmt.int(r.employees) },
        { title: "Best cluster", render: r => r.bestCluster || "–" },
        { title: "Fit", num: true, render: r => fmt.pct(r.fit) },
        { title: "Expected opportunity", num: true, render: money },
      ], h.analyses, r => { const kind = (r.kind || "").toLowerCase(); if (/^(supplier|prospect)$/.test(kind)) location.hash = `#/companies/${kind}/${r.analysisId}`; }),
        el("p", { class: "muted small narrow-hint" }, "Scroll the table sideways for more columns.")),
      (h.changes || []).length === 0 ? null : section("history-changes", "What changed", table([
        { title: "When", render: c => fmt.time(c.at) },
        { title: "Fact", render: c => humanize(c.field) },
        { title: "From", render: c => c.from ?? "–" },
        { title: "To", render: c => c.to ?? "–" },
      ], h.changes)));
  }

  // ---------- live updates ----------
  function updateQueueBadge(total) {
    const badge = document.getElementById("queue-badge");
    badge.hidden = !total;
    badge.textContent = total ? String(total) : "";
  }
  const feed = document.getElementById("live-feed");
  const liveStatus = document.getElementById("live-status");
  const labels = {
    "document-received": "Document received", "document-processed": "Document processed",
    "document-reviewed": "Document reviewed", "supplier-analysis-requested": "Supplier analysis requested",
    "supplier-analysis-completed": "Supplier analysis finished", "prospect-analysis-requested": "Prospect analysis requested",
    "prospect-analysis-completed": "Prospect analysis finished",
  };
  let refreshTimers = [];
  function scheduleRefresh() {
    // Analytics read models are projected asynchronously: refresh now and again shortly after.
    refreshTimers.forEach(clearTimeout);
    refreshTimers = [150, 1500, 4000].map(delay => setTimeout(() => {
      const r = current.refresh;
      if (r) r().catch(() => {});
      else get("/api/documents/review-queue?pageSize=1").then(q => updateQueueBadge(q.total)).catch(() => {});
    }, delay));
  }
  function onLive(type, data) {
    if (feed.firstElementChild && feed.firstElementChild.classList.contains("muted")) fill(feed, );
    const link = type.startsWith("document") ? `#/documents/${data.subject}` : type.startsWith("supplier") ? `#/companies/supplier/${data.subject}`
      : type.startsWith("prospect") ? `#/companies/prospect/${data.subject}` : null;
    feed.prepend(el("li", { "data-type": type },
      el("b", {}, labels[type] || type),
      data.status ? statusPill(data.status) : null, " ",
      data.department ? el("span", { class: "muted" }, data.department, " ") : null,
      el("span", { class: "muted" }, fmt.short(data.at)), " ",
      link ? el("a", { href: link }, "open") : null));
    while (feed.children.length > 50) feed.lastElementChild.remove();
    scheduleRefresh();
  }
  let source = null;
  function connect() {
    source = new EventSource(new URL("/api/live", location.origin));
    source.addEventListener("hello", () => { liveStatus.textContent = "live"; liveStatus.className = "live on"; });
    for (const type of Object.keys(labels)) {
      source.addEventListener(type, e => { try { onLive(type, JSON.parse(e.data)); } catch { /* ignore a malformed event */ } });
    }
    source.onerror = () => {
      liveStatus.textContent = "reconnecting…"; liveStatus.className = "live off";
      // EventSource retries by itself unless the server refused; then start over after a pause.
      if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(connect, 3000); }
    };
  }
  window.addEventListener("beforeunload", () => source && source.close());

  // ---------- sign-in ----------
  const who = document.getElementById("who");
  const signOutButton = document.getElementById("sign-out");
  const nav = document.getElementById("nav");
  function signedOut() {
    if (source) { source.close(); source = null; }
    who.hidden = true; signOutButton.hidden = true; nav.hidden = true;
    liveStatus.textContent = "offline"; liveStatus.className = "live off";
    renderSignIn();
  }
  function renderSignIn(message) {
    const key = el("input", { id: "api-key", type: "password", autocomplete: "off", placeholder: "mk_…", required: true, size: 50 });
    const problem = el("p", { class: "error", role: "alert", hidden: !message }, message || "");
    const form = el("form", { id: "sign-in", class: "card" },
      el("h1", {}, "Sign in"),
      el("p", { class: "muted" }, "Paste an API key. It is exchanged for a session cookie and not kept by the browser."),
      el("label", { for: "api-key" }, "API key"), " ", key, " ",
      el("button", { type: "submit" }, "Sign in"), problem);
    form.addEventListener("submit", async e => {
      e.preventDefault();
      try {
        await api("/api/session", { json: { apiKey: key.value }, signingIn: true });
        key.value = "";
        await start();
      } catch (error) {
        problem.hidden = false; problem.textContent = error.message;
      }
    });
    fill(view, form);
    key.focus();
  }
  signOutButton.addEventListener("click", async () => {
    try { await api("/api/session", { method: "DELETE", signingIn: true }); } catch { /* signed out anyway */ }
    signedOut();
  });
  async function start() {
    let session;
    try { session = (await api("/api/session", { signingIn: true })).body; }
    catch (error) { if (error.status === 401) { signedOut(); return; } throw error; }
    who.textContent = `${session.tenant} · ${session.role}${session.via === "development" ? " · development mode" : ""}`;
    who.hidden = false; nav.hidden = false; signOutButton.hidden = session.via !== "session";
    if (!source) connect();
    await route();
  }
  start().catch(error => fill(view, errorBox(error)));
})();
