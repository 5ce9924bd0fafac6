/* The site's search: Pagefind's index (built by `jgsw site`), queried from this page.
   A query that looks like a standard code is first folded the way `jgsw find` folds it
   (model/code_match.py): NFKC, lower case, separators dropped, so DB50T1056,
   db50/t1056 and full-width input reach the hidden code words of each standard's page. */
const CODE_SHAPED = /^[a-z]{0,8}[0-9a-z\s/\-_.]*[0-9][0-9a-z\s/\-_.]*$/;
const PAGE = 10;

export function normalizeQuery(query) {
  const folded = (query || "").normalize("NFKC").toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-").trim();
  if (folded && CODE_SHAPED.test(folded)) { return folded.replace(/[^0-9a-z]+/g, ""); }
  return folded;
}
window.jgswNormalizeQuery = normalizeQuery;

// The hidden code words (db50t1056 db50t10562020 t1056) are indexed, not meant to be read.
function cleanExcerpt(html) {
  return html.replace(/\s*(?:<mark>)?\b[a-z]{1,8}\d{0,6}[a-z]{0,8}\d+(?:<\/mark>)?(?=[\s.]|$)/g, "");
}

const app = document.getElementById("search");
const form = app.querySelector("form");
const input = app.querySelector("#search-input");
const status = app.querySelector(".search-status");
const list = app.querySelector(".search-results");
const filterBox = app.querySelector(".search-filters");
const text = (key) => app.getAttribute("data-" + key) || "";
const labels = JSON.parse(text("filter-labels") || "{}");
let pagefind = null;
let found = [];
let shown = 0;
let serial = 0;

function notice(message) {
  const p = document.createElement("p");
  p.className = "notice";
  p.textContent = message;
  app.insertBefore(p, form);
}

function chosenFilters() {
  const chosen = {};
  filterBox.querySelectorAll("select").forEach((select) => {
    if (select.value) { chosen[select.name] = select.value; }
  });
  return chosen;
}

async function buildFilters() {
  const counts = await pagefind.filters();
  Object.keys(labels).forEach((name) => {
    const values = counts[name];
    if (!values || !Object.keys(values).length) { return; }
    const label = document.createElement("label");
    label.textContent = labels[name] + " ";
    const select = document.createElement("select");
    select.name = name;
    select.add(new Option(text("all"), ""));
    Object.keys(values).sort((a, b) => a.localeCompare(b, document.documentElement.lang, { numeric: true }))
      .forEach((value) => select.add(new Option(`${value} (${values[value]})`, value)));
    label.appendChild(select);
    filterBox.appendChild(label);
    select.addEventListener("change", () => run());
  });
}

async function showMore() {
  const batch = found.slice(shown, shown + PAGE);
  shown += batch.length;
  const datas = await Promise.all(batch.map((r) => r.data()));
  for (const data of datas) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url.replace(/^\//, "");  // relative: the site may live under a sub-path
    link.className = "result-title";
    const code = document.createElement("code");
    code.textContent = data.meta.code || "";
    link.appendChild(code);
    link.appendChild(document.createTextNode(" " + (data.meta.title || "")));
    li.appendChild(link);
    const meta = [data.meta.status, data.meta.area].filter(Boolean).join(" · ");
    if (meta) {
      const small = document.createElement("small");
      small.className = "muted";
      small.textContent = " " + meta;
      li.appendChild(small);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "result-excerpt";
    excerpt.innerHTML = cleanExcerpt(data.excerpt || "");  // Pagefind escapes the text, marks the hits
    li.appendChild(excerpt);
    list.appendChild(li);
  }
  const more = app.querySelector(".search-more");
  if (more) { more.remove(); }
  if (shown < found.length) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "search-more";
    button.textContent = text("more");
    button.addEventListener("click", showMore);
    list.after(button);
  }
}

async function run() {
  const mine = ++serial;
  const raw = input.value.trim();
  const filters = chosenFilters();
  const params = new URLSearchParams();
  if (raw) { params.set("q", raw); }
  window.history.replaceState(null, "", params.toString() ? "?" + params : window.location.pathname);
  list.textContent = "";
  const more = app.querySelector(".search-more");
  if (more) { more.remove(); }
  if (!raw && !Object.keys(filters).length) { status.textContent = ""; found = []; return; }
  const result = await pagefind.search(raw ? normalizeQuery(raw) : null, { filters });
  if (mine !== serial) { return; }  // a newer search has started
  found = result.results;
  shown = 0;
  status.textContent = found.length ? text("count").replace("{count}", String(found.length)) : text("none");
  await showMore();
}

async function start() {
  // The page says "serve me over http" until this module runs: from a local file,
  // browsers refuse to load it, and the notice stays.
  const offline = app.querySelector(".search-offline");
  if (offline) { offline.remove(); }
  try {
    pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    await pagefind.init();
  } catch (error) {
    notice(text("unavailable"));
    return;
  }
  await buildFilters();
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; await run(); }
  app.setAttribute("data-ready", "true");
}

start();
