/*
 * Fold-highlight: mark the search terms on the page a search result leads to, accents or not.
 *
 * The search index is accent-folded (generator/search.py), so typing "Francois" finds a page
 * that says "François". Material then opens that page with "?h=francois", and its own page
 * highlighter (search.highlight) marks the terms letter for letter: "francois" marks nothing in
 * "François". This script runs right after Material's highlighter and marks, in the same
 * element, every word whose folded form (NFD, combining marks removed, lower case) starts with
 * a folded term, with the markup Material uses: <mark data-md-highlight>. Like Material's, the
 * mark covers the part of the word that the term spells ("elys" marks "Élys" in "Élysée").
 *
 * Text that Material has already marked is never marked again (so an accented query, which
 * Material highlights itself, ends up exactly as without this script: no mark inside a mark).
 * Where Material marked only part of a word (it marks a term anywhere, so "?h=l+elysee" marks the
 * "l" of "Élysée"), the rest of the word is marked and joined with Material's mark into one; as
 * Material does, a new mark and a mark only spaces away are joined ("François Hollande"). Text
 * in script, style, code, pre, kbd, samp, textarea, template, noscript, svg and math elements,
 * and in elements that are not shown (hidden, display: none, a closed <details>), is never
 * touched.
 *
 * Timing: Material highlights once the search index has loaded, and publishes what its
 * components do on window.component$; its highlighter's value is {ref: <the content element>,
 * nodes: <Map>}. Running on that value (rather than on document$) means Material's highlighter
 * never runs over marks this script made. Without component$ (another theme version), the
 * script runs on each page view instead (then possibly before Material's highlighter, whose
 * marks could land inside these). tests/browser/test_search.py checks the Material case. No
 * framework, no request to any host.
 */
(function () {
  "use strict";

  var SKIP = /^(SCRIPT|STYLE|CODE|PRE|KBD|SAMP|TEXTAREA|TEMPLATE|NOSCRIPT|SVG|MATH)$/i;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var SPACE = /^\s+$/;

  /* The folded form of one character (code point): NFD, no combining marks, lower case. */
  function foldChar(ch) {
    return ch.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  function fold(text) {
    var out = "";
    for (var ch of text) {
      out += foldChar(ch);
    }
    return out;
  }

  /* The folded terms of the h parameter, longest first; Material splits it the same way. */
  function queryTerms(search) {
    var value = new URLSearchParams(search).get("h");
    if (!value) {
      return [];
    }
    var seen = {};
    var terms = [];
    (value.match(WORD) || []).forEach(function (word) {
      var term = fold(word);
      if (term && !seen[term]) {
        seen[term] = true;
        terms.push(term);
      }
    });
    return terms.sort(function (a, b) { return b.length - a.length; });
  }

  /*
   * How many UTF-16 units of `word` a term covers when the folded word starts with it, or 0.
   * The end is moved past the term's last character and any combining marks after it, so a
   * decomposed "e" + U+0301 is marked whole.
   */
  function matchLength(word, terms) {
    var folded = "";
    var ends = []; // ends[i]: [folded length, original length] after the i-th character
    var length = 0;
    for (var ch of word) {
      folded += foldChar(ch);
      length += ch.length;
      ends.push([folded.length, length]);
    }
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      if (folded.lastIndexOf(term, 0) !== 0) {
        continue;
      }
      var i = 0;
      while (ends[i][0] < term.length) {
        i++;
      }
      while (i + 1 < ends.length && ends[i + 1][0] === ends[i][0]) {
        i++;
      }
      return ends[i][1];
    }
    return 0;
  }

  function isHighlight(node) {
    return node.nodeType === 1 && (node.localName === "mark" || node.hasAttribute("data-md-highlight"));
  }

  function isShown(element) {
    if (element.hidden) {
      return false;
    }
    if (typeof element.checkVisibility === "function") {
      return element.checkVisibility({ visibilityProperty: true });
    }
    return element.getClientRects().length > 0;
  }

  /*
   * Runs of sibling nodes that read as one stretch of text: text nodes and highlight marks
   * (Material replaces a text node by text and marks, side by side). Each run is a list of
   * {node, mark}; `mark` says the node is a highlight, to read but never to change.
   */
  function textRuns(root) {
    var runs = [];
    (function walk(element) {
      var run = null;
      for (var child = element.firstChild; child; child = child.nextSibling) {
        var text = child.nodeType === 3;
        var mark = !text && isHighlight(child);
        if (text || mark) {
          (run = run || []).push({ node: child, mark: mark });
          continue;
        }
        if (run) {
          runs.push(run);
          run = null;
        }
        if (child.nodeType === 1 && !SKIP.test(child.nodeName) && isShown(child)) {
          walk(child);
        }
      }
      if (run) {
        runs.push(run);
      }
    })(root);
    return runs;
  }

  /* For each text node of a run, the [start, end) ranges to mark in it. */
  function rangesToMark(run, terms) {
    var text = "";
    var pieces = [];
    run.forEach(function (item) {
      var data = item.mark ? item.node.textContent : item.node.data;
      pieces.push({ item: item, start: text.length, end: text.length + data.length, ranges: [] });
      text += data;
    });
    var found = false;
    WORD.lastIndex = 0;
    for (var match = WORD.exec(text); match; match = WORD.exec(text)) {
      var covered = matchLength(match[0], terms);
      if (!covered) {
        continue;
      }
      var start = match.index;
      var end = start + covered;
      pieces.forEach(function (piece) {
        if (piece.item.mark || piece.end <= start || piece.start >= end) {
          return;
        }
        piece.ranges.push([Math.max(start, piece.start) - piece.start, Math.min(end, piece.end) - piece.start]);
        found = true;
      });
    }
    return found ? pieces.filter(function (piece) { return piece.ranges.length; }) : [];
  }

  function newMark(text) {
    var mark = document.createElement("mark");
    mark.setAttribute("data-md-highlight", "");
    mark.textContent = text;
    return mark;
  }

  /* Replace a text node by its text with `ranges` marked; ranges apart by spaces only are joined. */
  function markRanges(node, ranges) {
    var data = node.data;
    var joined = [];
    ranges.forEach(function (range) {
      var last = joined[joined.length - 1];
      if (last && SPACE.test(data.slice(last[1], range[0]))) {
        last[1] = range[1];
      } else {
        joined.push(range.slice());
      }
    });
    var parts = [];
    var at = 0;
    joined.forEach(function (range) {
      if (range[0] > at) {
        parts.push(document.createTextNode(data.slice(at, range[0])));
      }
      parts.push(newMark(data.slice(range[0], range[1])));
      at = range[1];
    });
    if (at < data.length) {
      parts.push(document.createTextNode(data.slice(at)));
    }
    node.replaceWith.apply(node, parts);
    parts.forEach(function (part) {
      if (part.nodeType === 1) {
        joinNeighbours(part);
      }
    });
  }

  function isSpace(node) {
    return !!node && node.nodeType === 3 && SPACE.test(node.data);
  }

  function isMaterialMark(node) {
    return !!node && node.nodeType === 1 && node.localName === "mark" && node.hasAttribute("data-md-highlight");
  }

  /*
   * Material joins marks that only spaces separate ("François Hollande" is one mark); join a
   * new mark with a highlight mark beside it (right beside it, or spaces apart) in the same
   * way, so that the result looks the same and a word is one mark ("É" + "l" + "ysée").
   */
  // Move the space between two adjacent marks, then the right mark's content, into the left.
  function mergeInto(left, gap, right) {
    if (gap) {
      left.appendChild(gap);
    }
    while (right.firstChild) {
      left.appendChild(right.firstChild);
    }
    right.remove();
  }

  function joinNeighbours(mark) {
    var previous = mark.previousSibling;
    var gap = null;
    if (isSpace(previous)) {
      gap = previous;
      previous = previous.previousSibling;
    }
    if (isMaterialMark(previous)) {
      mergeInto(previous, gap, mark);
      mark = previous;
    }
    var next = mark.nextSibling;
    gap = null;
    if (isSpace(next)) {
      gap = next;
      next = next.nextSibling;
    }
    if (isMaterialMark(next)) {
      mergeInto(mark, gap, next);
    }
  }

  function highlight(root) {
    if (!root || !root.isConnected) {
      return;
    }
    var terms = queryTerms(window.location.search);
    if (!terms.length) {
      return;
    }
    var edits = [];
    textRuns(root).forEach(function (run) {
      edits = edits.concat(rangesToMark(run, terms));
    });
    edits.forEach(function (piece) {
      markRanges(piece.item.node, piece.ranges);
    });
  }

  function content() {
    return document.querySelector('[data-md-component="content"]');
  }

  var components = window.component$;
  if (components && typeof components.subscribe === "function") {
    components.subscribe(function (value) {
      if (value && value.nodes instanceof Map && value.ref && value.ref === content()) {
        highlight(value.ref);
      }
    });
  } else if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { highlight(content()); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { highlight(content()); });
  } else {
    highlight(content());
  }
})();
