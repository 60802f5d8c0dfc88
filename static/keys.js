// Keyboard shortcuts for the desk: "/" focuses the search box, "j" and "k" move
// through the dashboard's claims, Enter opens the one in focus, "?" shows the list of
// shortcuts (the same list the footer's "Keyboard shortcuts" opens). Keys typed into
// a field, or with Ctrl, Alt or Meta held, are left alone.
(function () {
  "use strict";

  var current = -1;
  // swallow is set when "/" moved the focus into the search box, so the keypress that
  // follows the keydown does not type the "/" there.
  var swallow = false;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('[data-testid="claim-row"]'));
  }

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || el.isContentEditable;
  }

  function mark(i) {
    var list = rows();
    if (list.length === 0) return;
    i = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (r) {
      r.classList.remove("kbd-focus");
      r.removeAttribute("aria-current");
    });
    var row = list[i];
    current = i;
    row.setAttribute("tabindex", "-1");
    row.classList.add("kbd-focus");
    row.setAttribute("aria-current", "true");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function openRow() {
    var row = rows()[current];
    if (!row || document.activeElement !== row) return false;
    var link = row.querySelector("td.title a");
    var href = (link && link.getAttribute("href")) || row.getAttribute("data-href");
    if (!href) return false;
    window.location.assign(href);
    return true;
  }

  function showShortcuts() {
    var box = document.getElementById("shortcuts");
    if (!box) return;
    box.open = true;
    var summary = box.querySelector("summary");
    if (summary) summary.focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    if (typing(e.target)) return;
    switch (e.key) {
      case "/":
        var box = document.querySelector('[data-testid="search-box"]');
        if (!box) return;
        e.preventDefault();
        swallow = true;
        box.focus();
        box.select();
        break;
      case "j":
        if (rows().length === 0) return;
        e.preventDefault();
        mark(current + 1);
        break;
      case "k":
        if (rows().length === 0) return;
        e.preventDefault();
        mark(current < 0 ? 0 : current - 1);
        break;
      case "Enter":
        if (openRow()) e.preventDefault();
        break;
      case "?":
        e.preventDefault();
        showShortcuts();
        break;
    }
  });

  document.addEventListener("keypress", function (e) {
    if (swallow && e.key === "/") e.preventDefault();
    swallow = false;
  }, true);
  document.addEventListener("keyup", function () {
    swallow = false;
  });

  // A swap replaces the rows: start again from the top.
  document.addEventListener("htmx:afterSwap", function () {
    current = -1;
  });
})();
