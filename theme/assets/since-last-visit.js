/*
 * "Since your last visit": a returning reader sees, at the top of the page, the story's
 * developments since their last visit (how many, and a list linking to each, newest first), and
 * can dismiss it. A first visit shows nothing.
 *
 * What is kept: only the time of the last visit, in the reader's own browser (localStorage, one
 * key per site), and for the open tab the time its list counts from (sessionStorage, gone when
 * the tab is closed); no cookie, and nothing is sent anywhere. The developments are the site's own
 * open data (data/developments.json), fetched from the same site only when a last visit is
 * stored. Storage refused (a private window, blocked site data) or no script: nothing happens,
 * and the page is complete without it. The list is a labelled region placed after the page's
 * title; a screen reader hears it once, on the page the visit begins with, through a polite
 * status message; every link,
 * the "more" toggle and the dismiss button are reached by keyboard. No framework, no other host.
 *
 * When a development is new: one with a time of day and UTC offset, if it happened after the
 * last visit; one known only to the day (or month), if that day is on or after the day of the
 * last visit (it may have happened after it). The list is on every page of the visit until it
 * is dismissed; with Material's instant navigation (pages swapped without a reload, document$)
 * as on plain loads.
 */
(function () {
  "use strict";

  // The newest few are listed; the rest are behind "N more". Fewer on a phone, where each long
  // title takes several lines and the list would fill the screen before the page begins.
  var SHOWN = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches ? 3 : 5;
  var MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  ];
  var script = document.currentScript;
  if (!script || !script.src || !window.URL || !window.fetch) {
    return;
  }
  var root = new URL("..", script.src);
  var key = "explainer:last-visit:" + root.pathname;

  // An embedded page lives in another site's frame; an earlier version of the explainer says
  // what came after it itself: neither records a visit nor shows the list.
  if (document.querySelector(".explainer-embed, .as-of-notice")) {
    return;
  }

  // The time the list counts from: the last visit's, read when this tab's visit began and kept
  // for it (sessionStorage, gone with the tab), so the list stays while the reader follows its
  // links. Every page view then becomes the last visit (localStorage). Returns null on a first
  // visit or when storage is refused (reading or writing it throws).
  function lastVisit() {
    try {
      var kept = window.sessionStorage.getItem(key);
      var from = kept === null ? window.localStorage.getItem(key) : kept;
      window.localStorage.setItem(key, new Date().toISOString());
      if (kept === null && from !== null) {
        window.sessionStorage.setItem(key, from);
      }
      var time = from ? Date.parse(from) : NaN;
      return isNaN(time) ? null : { date: new Date(time), begins: kept === null };
    } catch (refused) {
      return null;
    }
  }

  // Dismissed: the rest of this tab's visit counts from now.
  function dismissed() {
    try {
      window.sessionStorage.setItem(key, new Date().toISOString());
    } catch (refused) {
      // kept for this page only
    }
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function localDay(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function longDate(text) {
    var parts = text.split("-");
    var month = MONTHS[parseInt(parts[1], 10) - 1];
    return parts.length === 3 ? parseInt(parts[2], 10) + " " + month + " " + parts[0]
      : month + " " + parts[0];
  }

  function isNew(development, last) {
    if (development.time && development.utc_offset) {
      var at = Date.parse(development.date + "T" + development.time + ":00" +
        development.utc_offset);
      if (!isNaN(at)) {
        return at > last.getTime();
      }
    }
    return development.date >= localDay(last);  // "2019-07" sorts before its own days
  }

  function since(last) {
    var day = localDay(last);
    if (day === localDay(new Date())) {
      return "Since your last visit earlier today";
    }
    return "Since your last visit on " + longDate(day);
  }

  function item(development) {
    var li = document.createElement("li");
    var time = document.createElement("time");
    time.setAttribute("datetime", development.date);
    time.textContent = longDate(development.date);
    var link = document.createElement("a");
    link.href = new URL(development.url, root).href;
    link.textContent = development.title;  // text, never markup
    li.appendChild(time);
    li.appendChild(document.createTextNode(": "));
    li.appendChild(link);
    return li;
  }

  function list(developments, start) {
    var ol = document.createElement("ol");
    ol.className = "since-last-visit__list";
    if (start > 1) {
      ol.setAttribute("start", String(start));
    }
    developments.forEach(function (development) {
      ol.appendChild(item(development));
    });
    return ol;
  }

  function count(n) {
    return n + (n === 1 ? " development" : " developments");
  }

  var state = { fresh: [], last: null, dismissed: false, announce: false };

  function region() {
    var section = document.createElement("section");
    section.className = "since-last-visit";
    section.setAttribute("aria-labelledby", "since-last-visit-title");
    var title = document.createElement("h2");
    title.id = "since-last-visit-title";
    title.className = "since-last-visit__title";
    title.textContent = since(state.last) + ": " + count(state.fresh.length);
    section.appendChild(title);
    section.appendChild(list(state.fresh.slice(0, SHOWN), 1));
    var rest = state.fresh.slice(SHOWN);
    if (rest.length) {
      var more = document.createElement("details");
      more.className = "since-last-visit__more";
      var summary = document.createElement("summary");
      summary.textContent = rest.length + " more";
      more.appendChild(summary);
      more.appendChild(list(rest, SHOWN + 1));
      section.appendChild(more);
    }
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "since-last-visit__dismiss";
    dismiss.textContent = "Dismiss";
    dismiss.setAttribute("aria-describedby", "since-last-visit-title");
    dismiss.addEventListener("click", function () {
      state.dismissed = true;
      dismissed();
      var heading = section.previousElementSibling;
      section.remove();
      // Keyboard users keep their place: on the page's title, where the list was.
      if (heading && heading.matches("h1")) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    });
    section.appendChild(dismiss);
    return section;
  }

  function announce() {
    if (!state.announce) {
      return;  // said when the visit began, or already on this page
    }
    state.announce = false;
    var status = document.createElement("div");
    status.className = "since-last-visit__announce";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    // A live region announces a change, not what it held when it was added: fill it after.
    window.setTimeout(function () {
      status.textContent = since(state.last) + ": " + count(state.fresh.length) + ".";
    }, 250);
  }

  function show() {
    if (state.dismissed || !state.fresh.length) {
      return;
    }
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".since-last-visit")) {
      return;
    }
    var heading = article.querySelector("h1");
    var made = region();
    if (heading) {
      heading.insertAdjacentElement("afterend", made);
    } else {
      article.insertBefore(made, article.firstChild);
    }
    announce();
  }

  var visit = lastVisit();
  if (!visit) {
    return;  // a first visit, or storage refused: nothing to say
  }
  var last = visit.date;
  state.announce = visit.begins;
  window.fetch(new URL("data/developments.json", root).href, { cache: "no-cache" })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      var developments = data && Array.isArray(data.developments) ? data.developments : [];
      state.last = last;
      state.fresh = developments.filter(function (development) {
        return development && typeof development.date === "string" &&
          typeof development.title === "string" && typeof development.url === "string" &&
          isNew(development, last);
      });
      if (!state.fresh.length) {
        return;
      }
      if (window.document$ && typeof window.document$.subscribe === "function") {
        window.document$.subscribe(show);
      } else if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", show);
      } else {
        show();
      }
    })
    .catch(function () {
      // Offline, or the file is missing: the page is complete without the list.
    });
})();
