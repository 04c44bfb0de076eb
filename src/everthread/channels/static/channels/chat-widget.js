/* Everthread web chat: one script tag on the brand's site, no build step.
 *
 *   <script src="https://everthread.example.com/static/channels/chat-widget.js"
 *           data-everthread-url="https://everthread.example.com"
 *           data-everthread-key="PUBLIC KEY" defer></script>
 *
 * The visitor gives a name and an email address (how staff recognise and answer them),
 * then writes; replies are fetched every few seconds. The conversation survives a page
 * change: its token is kept in this site's localStorage.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = (script.getAttribute("data-everthread-url") || "").replace(/\/$/, "");
  var key = script.getAttribute("data-everthread-key") || "";
  var title = script.getAttribute("data-everthread-title") || "Chat with us";
  var POLL_MS = Number(script.getAttribute("data-everthread-poll-ms") || 3000);
  var stored = "everthread-chat:" + base;
  var token = null;
  var lastId = 0;
  var shown = {};
  var timer = null;

  try { token = window.localStorage.getItem(stored); } catch (e) { token = null; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var style = el("style");
  style.textContent = [
    ".etc-root{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;font:15px/1.4 system-ui,sans-serif}",
    ".etc-open{background:#1f3d36;color:#fff;border:0;border-radius:2rem;padding:.7rem 1.2rem;cursor:pointer}",
    ".etc-panel{width:20rem;max-width:calc(100vw - 2rem);background:#fff;color:#1b1b1b;border:1px solid #ccc;border-radius:.6rem;box-shadow:0 6px 24px rgba(0,0,0,.18);display:flex;flex-direction:column;max-height:70vh}",
    ".etc-panel[hidden]{display:none}",
    ".etc-head{display:flex;justify-content:space-between;align-items:center;padding:.6rem .8rem;background:#1f3d36;color:#fff;border-radius:.6rem .6rem 0 0}",
    ".etc-head button{background:none;border:0;color:#fff;font-size:1.2rem;cursor:pointer}",
    ".etc-log{margin:0;padding:.6rem .8rem;overflow-y:auto;flex:1}",
    ".etc-log p{margin:.3rem 0;padding:.4rem .6rem;border-radius:.5rem;background:#eef2f1}",
    ".etc-log p.etc-you{background:#dfe9ff;margin-left:2rem}",
    ".etc-log b{display:block;font-size:.8rem}",
    ".etc-form{display:flex;flex-direction:column;gap:.3rem;padding:.6rem .8rem;border-top:1px solid #ddd}",
    ".etc-form input,.etc-form textarea{font:inherit;padding:.35rem;border:1px solid #999;border-radius:.3rem}",
    ".etc-form button{font:inherit;background:#1f3d36;color:#fff;border:0;border-radius:.3rem;padding:.45rem;cursor:pointer}",
    ".etc-error{color:#a00000;margin:0;font-size:.85rem}"
  ].join("\n");
  document.head.appendChild(style);

  var root = el("div", { "class": "etc-root" });
  var opener = el("button", { "class": "etc-open", type: "button", "aria-expanded": "false" }, title);
  var panel = el("section", { "class": "etc-panel", role: "dialog", "aria-label": title, hidden: "" });
  var head = el("div", { "class": "etc-head" });
  head.appendChild(el("strong", {}, title));
  var closer = el("button", { type: "button", "aria-label": "Close the chat" }, "×");
  head.appendChild(closer);
  // A log, not a list: new lines are announced; focusable so a keyboard can scroll it.
  var log = el("div", { "class": "etc-log", role: "log", "aria-live": "polite", "aria-label": "Messages", tabindex: "0" });
  var error = el("p", { "class": "etc-error", role: "alert" });

  var start = el("form", { "class": "etc-form", "aria-label": "Start a chat" });
  start.appendChild(el("label", { "for": "etc-name" }, "Your name"));
  start.appendChild(el("input", { id: "etc-name", name: "name", autocomplete: "name" }));
  start.appendChild(el("label", { "for": "etc-email" }, "Your email"));
  start.appendChild(el("input", { id: "etc-email", name: "email", type: "email", required: "", autocomplete: "email" }));
  start.appendChild(el("label", { "for": "etc-first" }, "How can we help?"));
  start.appendChild(el("textarea", { id: "etc-first", name: "text", rows: "3", required: "" }));
  start.appendChild(el("button", { type: "submit" }, "Start chat"));

  var write = el("form", { "class": "etc-form", "aria-label": "Write a message", hidden: "" });
  write.appendChild(el("label", { "for": "etc-text" }, "Message"));
  write.appendChild(el("textarea", { id: "etc-text", name: "text", rows: "2", required: "" }));
  write.appendChild(el("button", { type: "submit" }, "Send"));

  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(error);
  panel.appendChild(start);
  panel.appendChild(write);
  root.appendChild(opener);
  root.appendChild(panel);
  document.body.appendChild(root);

  function call(method, path, body) {
    var options = { method: method, headers: {} };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(base + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var problem = new Error(data.detail || "The chat is not available just now.");
          problem.status = response.status;
          throw problem;
        }
        return data;
      });
    });
  }

  function show(messages) {
    messages.forEach(function (message) {
      if (shown[message.id]) { return; }
      shown[message.id] = true;
      lastId = Math.max(lastId, message.id);
      var line = el("p", { "class": message.from === "you" ? "etc-you" : "etc-staff" });
      line.appendChild(el("b", {}, message.author));
      line.appendChild(document.createTextNode(message.text));
      log.appendChild(line);
    });
    log.scrollTop = log.scrollHeight;
  }

  function talking() {
    start.hidden = true;
    write.hidden = false;
    if (!timer) { timer = window.setInterval(poll, POLL_MS); }
  }

  function forget() {
    token = null;
    try { window.localStorage.removeItem(stored); } catch (e) { /* private mode */ }
    window.clearInterval(timer);
    timer = null;
    start.hidden = false;
    write.hidden = true;
  }

  function poll() {
    if (!token) { return; }
    call("GET", "/chat/v1/conversations/" + encodeURIComponent(token) + "/messages?after=" + lastId)
      .then(function (data) { error.textContent = ""; show(data.messages); })
      .catch(function (problem) { if (problem.status === 404) { forget(); } });
  }

  function clientId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  start.addEventListener("submit", function (event) {
    event.preventDefault();
    var form = new FormData(start);
    call("POST", "/chat/v1/conversations", {
      key: key, name: form.get("name"), email: form.get("email"), text: form.get("text")
    }).then(function (data) {
      token = data.conversation;
      try { window.localStorage.setItem(stored, token); } catch (e) { /* private mode */ }
      error.textContent = "";
      start.reset();
      show(data.messages);
      talking();
      write.querySelector("textarea").focus();
    }).catch(function (problem) { error.textContent = problem.message; });
  });

  write.addEventListener("submit", function (event) {
    event.preventDefault();
    var box = write.querySelector("textarea");
    var text = box.value;
    call("POST", "/chat/v1/conversations/" + encodeURIComponent(token) + "/messages", {
      text: text, client_id: clientId()
    }).then(function (data) {
      error.textContent = "";
      box.value = "";
      show([data.message]);
    }).catch(function (problem) { error.textContent = problem.message; });
  });

  function toggle(open) {
    panel.hidden = !open;
    opener.hidden = open;
    opener.setAttribute("aria-expanded", String(open));
    if (open) { (token ? write : start).querySelector("input, textarea").focus(); }
  }
  opener.addEventListener("click", function () { toggle(true); });
  closer.addEventListener("click", function () { toggle(false); opener.focus(); });

  if (token) { talking(); poll(); }
}());
