/*
 * The timeline's filter by player. Progressive enhancement: the page holds the control hidden
 * (form.timeline-filter, its player names written and escaped by the generator); this script
 * shows it and, when a player is chosen, hides the timeline's events and the overview's marks
 * whose data-actors do not name that player. "All players" shows them all again. The choice is
 * kept in the address (?player=<id>), so a filtered view can be shared and survives a reload.
 * Without this script the control stays hidden and the whole list is there. No framework, no
 * request to any host. Material's instant navigation swaps pages without a reload: the filter
 * is set up on each page it shows (document$), or once on a plain load.
 */
(function () {
  "use strict";

  var PARAM = "player";

  function items(root) {
    return root.querySelectorAll(
      "ol.timeline > li[data-actors], .timeline-strip__marks > li[data-actors]"
    );
  }

  function involves(item, player) {
    return (item.getAttribute("data-actors") || "").split(" ").indexOf(player) !== -1;
  }

  function apply(form, player) {
    var shown = 0;
    var total = 0;
    Array.prototype.forEach.call(items(document), function (item) {
      var keep = !player || involves(item, player);
      item.hidden = !keep;
      if (item.closest("ol.timeline")) {
        total += 1;
        shown += keep ? 1 : 0;
      }
    });
    var count = form.querySelector(".timeline-filter__count");
    if (count) {
      var select = form.querySelector("select");
      var name = select.options[select.selectedIndex].text;
      count.textContent = player
        ? "Showing " + shown + " of " + total + " events, those of " + name + "."
        : "";
    }
  }

  function remember(player) {
    var url = new URL(window.location.href);
    if (player) {
      url.searchParams.set(PARAM, player);
    } else {
      url.searchParams.delete(PARAM);
    }
    window.history.replaceState(window.history.state, "", url.href);
  }

  // A mark's name shows beside it on hover and focus; Escape hides it again until the focus
  // or the pointer moves to another mark (WCAG 1.4.13: such content can be dismissed). The
  // listeners are on the document, which instant navigation keeps: added once.
  var QUIET = "timeline-strip--quiet";

  function quiet(on) {
    var strip = document.querySelector("nav.timeline-strip");
    if (strip) {
      strip.classList.toggle(QUIET, on);
    }
  }

  function quietNames() {
    if (document.documentElement.hasAttribute("data-timeline-quiet")) {
      return;
    }
    document.documentElement.setAttribute("data-timeline-quiet", "");
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        quiet(true);
      }
    });
    document.addEventListener("focusin", function () { quiet(false); });
    document.addEventListener("mouseover", function (event) {
      var from = event.relatedTarget && event.relatedTarget.closest
        ? event.relatedTarget.closest("a.timeline-strip__mark") : null;
      var to = event.target.closest ? event.target.closest("a.timeline-strip__mark") : null;
      if (to && to !== from) {
        quiet(false);
      }
    });
  }

  function setUp() {
    quietNames();
    var form = document.querySelector("form.timeline-filter");
    if (!form || form.getAttribute("data-ready") === "true") {
      return;
    }
    var select = form.querySelector("select");
    if (!select) {
      return;
    }
    form.setAttribute("data-ready", "true");
    var wanted = new URL(window.location.href).searchParams.get(PARAM) || "";
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === wanted;
    });
    // A link to one event must land on it: if the chosen player would hide it, show all.
    var target = window.location.hash ? document.getElementById(
      decodeURIComponent(window.location.hash.slice(1))
    ) : null;
    if (!known || (wanted && target && target.matches("[data-actors]") && !involves(target, wanted))) {
      wanted = "";
    }
    select.value = wanted;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    select.addEventListener("change", function () {
      apply(form, select.value);
      remember(select.value);
    });
    form.hidden = false;
    apply(form, wanted);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
