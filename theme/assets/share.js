/*
 * Share: a "Copy link" button beside each fact's own link, the full address in the "Embed
 * this" code, and an old address of a fact of a long list now in parts forwarded to its part.
 * Progressive enhancement: without this script each fact's "Link" is a plain anchor that still
 * works, and the embed code shows a site-relative address. No framework, no
 * request to any host. Material's instant navigation swaps pages without a reload, so the
 * enhancement runs on each page it shows (document$), or once on a plain load.
 *
 * Also, once per load: Firefox restores a checkbox's checked state when a page is reloaded.
 * Material's drawer and search toggles are checkboxes, and Material marks them
 * autocomplete="off" to stop that; HTML allows autocomplete only on text-like inputs, so the
 * build removes it (generator/htmlfix.py) and this script unchecks a restored toggle instead,
 * with a click, so that Material's own state follows (a reload never opens the menu or search).
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(field);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy failed"));
      }
    });
  }

  function addCopyButtons(root) {
    var links = root.querySelectorAll("a.fact-link");
    Array.prototype.forEach.call(links, function (link) {
      if (link.nextElementSibling && link.nextElementSibling.classList.contains("fact-link__copy")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fact-link__copy";
      button.textContent = "Copy link";
      button.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        var address = new URL(link.getAttribute("href"), window.location.href).href;
        copyText(address).then(
          function () { flash(button, "Copied"); },
          function () { flash(button, "Press Ctrl+C"); window.prompt("Copy this link:", address); }
        );
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function flash(button, text) {
    button.textContent = text;
    window.setTimeout(function () { button.textContent = "Copy link"; }, 2000);
  }

  function absoluteEmbedCode(root) {
    var codes = root.querySelectorAll("code[data-embed-src]");
    Array.prototype.forEach.call(codes, function (code) {
      var relative = code.getAttribute("data-embed-src");
      if (/^https?:\/\//.test(relative)) {
        return;
      }
      var block = code.closest(".embed-snippet");
      var open = block && block.querySelector("a[href]");
      if (!open) {
        return;
      }
      var absolute = new URL(open.getAttribute("href"), window.location.href).href;
      code.textContent = code.textContent.replace('src="' + relative + '"', 'src="' + absolute + '"');
      code.setAttribute("data-embed-src", absolute);
      var note = block.querySelector(".embed-snippet__relative");
      if (note) {
        note.hidden = true;
      }
    });
  }

  // An address from before a long list was split into parts (timeline/#event-x, bookmarked or
  // linked from another site) names a block that is now on a part's own page. The list's first
  // page names the blocks of each part (data-anchors on its item in the list of parts): go to
  // that part, with the same anchor. An id is a record's (letters, digits, hyphens), checked
  // before it goes into a selector.
  function forwardOldAnchor() {
    var id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    if (!/^[a-z0-9-]+$/.test(id) || document.getElementById(id)) {
      return;
    }
    var item = document.querySelector('[data-anchors~="' + id + '"]');
    var link = item && item.querySelector("a[href]");
    if (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      target.hash = id;
      window.location.replace(target.href);
    }
  }

  function enhance() {
    forwardOldAnchor();
    addCopyButtons(document);
    absoluteEmbedCode(document);
  }

  function closeRestoredToggles() {
    ["drawer", "search"].forEach(function (name) {
      var toggle = document.querySelector('input[data-md-toggle="' + name + '"]');
      if (toggle && toggle.checked) {
        toggle.click();
      }
    });
  }

  closeRestoredToggles();
  window.addEventListener("hashchange", forwardOldAnchor);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
