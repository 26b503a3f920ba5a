() => {
  // resolution-qa chat: citations open the resolution in a side panel (wide screens) or over the
  // chat (phones, small iframes); "Link to this answer" copies its link; "search all instead" undoes
  // a follow-up's restriction. Without this script every one of them is still a plain link.
  if (window.__qaChat) return;
  window.__qaChat = true;
  const WIDE = 960;
  const style = document.createElement("style");
  style.textContent = `
#qa-panel { position: fixed; top: 0; right: 0; bottom: 0; width: min(46vw, 760px); z-index: 2147483000;
  display: none; flex-direction: column; background: var(--background-fill-primary, #fff);
  border-left: 1px solid var(--border-color-primary, #d1d5db); box-shadow: -6px 0 18px rgba(0,0,0,.12); }
#qa-panel.qa-shown { display: flex; }
#qa-panel .qa-panel-bar { display: flex; align-items: center; gap: .6rem; padding: .5rem .75rem;
  border-bottom: 1px solid var(--border-color-primary, #e5e7eb); font: 14px/1.3 system-ui, sans-serif;
  color: var(--body-text-color, #1f2937); }
#qa-panel .qa-panel-title { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  font-weight: 600; }
#qa-panel .qa-panel-bar a { color: var(--link-text-color, #1d4ed8); white-space: nowrap; }
#qa-panel .qa-panel-close { font: inherit; padding: .3rem .7rem; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--border-color-primary, #d1d5db); background: var(--background-fill-secondary, #f9fafb);
  color: inherit; }
#qa-panel iframe { flex: 1; width: 100%; border: 0; background: #fff; }
body.qa-panel-side .gradio-container { margin-right: min(46vw, 760px) !important; max-width: none !important; }
@media (max-width: ${WIDE - 1}px) { #qa-panel { width: 100vw; left: 0; border-left: 0; box-shadow: none; } }
@media (max-width: 520px) { #qa-panel .qa-panel-bar { flex-wrap: wrap; }
  #qa-panel .qa-panel-title { flex-basis: 100%; white-space: normal; } }
`;
  document.head.appendChild(style);

  let panel = null, frame = null, title = null, full = null, opener = null;
  function build() {
    panel = document.createElement("aside");
    panel.id = "qa-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "The resolution");
    const bar = document.createElement("div");
    bar.className = "qa-panel-bar";
    title = document.createElement("span");
    title.className = "qa-panel-title";
    full = document.createElement("a");
    full.target = "_blank";
    full.rel = "noopener";
    full.textContent = "Open as a page ↗";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "qa-panel-close";
    close.textContent = "Back to the chat";
    close.addEventListener("click", hide);
    bar.append(title, full, close);
    frame = document.createElement("iframe");
    frame.title = "The resolution";
    panel.append(bar, frame);
    document.body.appendChild(panel);
  }
  function compact(href) {
    const url = new URL(href, document.baseURI);
    if (!url.pathname.includes("/embed/doc/")) url.pathname = url.pathname.replace(/\/doc\/(?!.*\/doc\/)/, "/embed/doc/");
    return url.href;
  }
  function show(link) {
    if (!panel) build();
    opener = link;
    const href = link.href;
    title.textContent = (link.textContent || "").trim() || "The resolution";
    full.href = href;
    frame.src = compact(href);
    panel.classList.add("qa-shown");
    document.body.classList.toggle("qa-panel-side", window.innerWidth >= WIDE);
    panel.querySelector(".qa-panel-close").focus({ preventScroll: true });
  }
  function hide() {
    if (!panel) return;
    panel.classList.remove("qa-shown");
    document.body.classList.remove("qa-panel-side");
    if (opener && opener.isConnected) opener.focus({ preventScroll: true });
  }
  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let done = false;
      try { done = document.execCommand("copy"); } catch (ignored) { done = false; }
      area.remove();
      return done;
    }
  }
  document.addEventListener("click", async (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest && event.target.closest("a.qa-open, a.qa-share, a.qa-search-all");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    if (link.classList.contains("qa-open")) {
      show(link);
    } else if (link.classList.contains("qa-search-all")) {
      const app = link.closest(".gradio-container") || document;  // this chat's, if a page holds two
      const button = app.querySelector("#qa-search-all") || document.querySelector("#qa-search-all");
      if (button) button.click();
    } else {
      const done = await copy(link.href);
      const was = link.dataset.label || link.textContent;
      link.dataset.label = was;
      link.textContent = done ? "Link copied" : "Copy failed: right-click the link to copy it";
      setTimeout(() => { link.textContent = was; }, 2500);
    }
  }, true);
  // the pickers: focusing one selects its text, so typing filters at once instead of after "All resolutions"
  // (and clicking it again once its list is closed)
  function selectPicker(event) {
    const input = event.target;
    if (!input || !input.matches || !input.matches(".qa-pickers input")) return;
    if (event.type === "click" && input.getAttribute("aria-expanded") === "true") return;
    setTimeout(() => input.select(), 0);
  }
  document.addEventListener("focusin", selectPicker);
  document.addEventListener("click", selectPicker);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel && panel.classList.contains("qa-shown")) hide();
  });
  window.addEventListener("resize", () => {
    if (panel && panel.classList.contains("qa-shown")) {
      document.body.classList.toggle("qa-panel-side", window.innerWidth >= WIDE);
    }
  });
}
