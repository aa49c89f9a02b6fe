// Typesets every formula with KaTeX (throwOnError: true, so that a bad formula is
// counted, not drawn in red), highlights code, and records on <body> how many formulas
// failed (data-math-errors), how many images did not load (data-img-errors) and how
// many script errors happened (data-js-errors), for scripts/browser-test.sh.
(function () {
  "use strict";
  var body = document.body;
  var errors = 0;
  var formulas = document.querySelectorAll(".math");
  for (var i = 0; i < formulas.length; i++) {
    var el = formulas[i];
    var tex = el.textContent;
    try {
      katex.render(tex, el, { displayMode: el.classList.contains("display"), throwOnError: true });
    } catch (e) {
      errors++;
      el.classList.add("math-error");
      el.setAttribute("title", String((e && e.message) || e));
      el.textContent = tex;
    }
  }
  body.setAttribute("data-math-errors", String(errors));
  // A numbered formula is centred with room for its number on both sides (style.css).
  // One too wide for that keeps the room on the right only, as LaTeX moves such a
  // formula off centre, so that it scrolls only when it really is wider than the column.
  function fitNumberedFormulas() {
    var tagged = document.querySelectorAll(".math.display .katex-html > .tag");
    for (var t = 0; t < tagged.length; t++) {
      var html = tagged[t].parentNode;
      var box = html.closest(".math.display");
      var formula = 0;
      for (var c = 0; c < html.children.length; c++) {
        if (html.children[c] !== tagged[t]) { formula += html.children[c].getBoundingClientRect().width; }
      }
      var room = parseFloat(window.getComputedStyle(html).paddingRight) || 0;
      box.classList.toggle("math-tight", formula + 2 * room > box.clientWidth);
    }
  }
  fitNumberedFormulas();
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fitNumberedFormulas); }
  window.addEventListener("resize", fitNumberedFormulas);
  // A formula wider than the column scrolls in its own box; its number is moved out of
  // the scrolling part so that it stays in view beside the formula.
  function keepNumbersInView() {
    var boxes = document.querySelectorAll(".math.display");
    for (var b = 0; b < boxes.length; b++) {
      var box = boxes[b];
      var tag = box.querySelector(".katex-html > .tag");
      if (!tag || box.parentNode.classList.contains("math-row")) { continue; }
      if (box.scrollWidth <= box.clientWidth + 1) { continue; }
      var row = document.createElement("div");
      row.className = "math-row";
      box.parentNode.insertBefore(row, box);
      row.appendChild(box);
      var number = document.createElement("span");
      number.className = "math-number katex";
      number.appendChild(tag.cloneNode(true));
      row.appendChild(number);
      box.classList.add("math-number-moved");
    }
  }
  keepNumbersInView();
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(keepNumbersInView); }
  window.addEventListener("resize", keepNumbersInView);
  // Wide tables scroll inside their own box instead of widening the page.
  var tables = document.querySelectorAll("main table");
  for (var w = 0; w < tables.length; w++) {
    if (tables[w].closest(".katex") || tables[w].parentNode.classList.contains("table-scroll")) { continue; }
    var scroller = document.createElement("div");
    scroller.className = "table-scroll";
    tables[w].parentNode.insertBefore(scroller, tables[w]);
    scroller.appendChild(tables[w]);
    // The caption stays in the column, wrapped at its width, instead of scrolling with a
    // wide table (where its end would be out of sight on a narrow screen).
    var caption = tables[w].querySelector(":scope > caption");
    if (caption) {
      var text = document.createElement("div");
      text.className = "table-caption";
      while (caption.firstChild) { text.appendChild(caption.firstChild); }
      tables[w].removeChild(caption);
      tables[w].setAttribute("aria-label", text.textContent);
      scroller.parentNode.insertBefore(text, scroller);
    }
  }
  // Every figure links to its full-size PNG, and is never shown more than 2.4 times
  // smaller than it was drawn (its text would be too small to read): on a narrow
  // screen the figure scrolls sideways inside its own box instead.
  var readableRatio = 2.4;
  var pictures = document.querySelectorAll(".figure img");
  for (var f = 0; f < pictures.length; f++) {
    var img = pictures[f];
    if (!img.parentNode.classList.contains("figure-link")) {
      var link = document.createElement("a");
      link.className = "figure-link";
      link.href = img.getAttribute("src");
      link.title = "Open the full-size figure";
      img.parentNode.insertBefore(link, img);
      link.appendChild(img);
    }
  }
  // A figure held at that size but wider than the column first takes room from the
  // page's right margin, when there is one (a wide screen); only then does it scroll.
  function floorFigureSizes() {
    var pageWidth = document.documentElement.clientWidth;
    for (var g = 0; g < pictures.length; g++) {
      var picture = pictures[g], box = picture.closest(".figure");
      if (picture.naturalWidth === 0 || !box) { continue; }
      var floor = picture.naturalWidth / readableRatio;
      picture.style.minWidth = floor.toFixed(1) + "px";
      box.style.marginRight = "";
      var missing = floor - box.clientWidth;
      var margin = pageWidth - box.getBoundingClientRect().right - 16;
      if (missing > 0 && margin > 0) { box.style.marginRight = (-Math.min(missing, margin)).toFixed(1) + "px"; }
    }
  }
  floorFigureSizes();
  window.addEventListener("resize", floorFigureSizes);
  if (window.hljs) {
    var blocks = document.querySelectorAll("pre code[class^='language-']");
    for (var j = 0; j < blocks.length; j++) { window.hljs.highlightBlock(blocks[j]); }
  }
  function checkImages() {
    var bad = 0;
    var images = document.images;
    for (var k = 0; k < images.length; k++) {
      if (!images[k].complete || images[k].naturalWidth === 0) { bad++; }
    }
    body.setAttribute("data-img-errors", String(bad));
    floorFigureSizes();
    // For scripts/browser-test.sh: how far the page scrolls sideways (0 = not at all),
    // and how many figures are shown more than 2.5 times smaller than drawn.
    var root = document.documentElement;
    body.setAttribute("data-viewport-width", String(root.clientWidth));
    body.setAttribute("data-page-overflow", String(Math.max(0, root.scrollWidth - root.clientWidth)));
    var small = [];
    for (var s = 0; s < images.length; s++) {
      var shown = images[s].getBoundingClientRect().width;
      if (images[s].naturalWidth > 0 && shown > 0 && images[s].naturalWidth / shown > 2.5) {
        small.push(images[s].getAttribute("src") + " " + (images[s].naturalWidth / shown).toFixed(2));
      }
    }
    body.setAttribute("data-small-figures", String(small.length));
    // Figures that do not fit their column and scroll in their box (fine on a phone).
    var boxes = document.querySelectorAll(".figure");
    var clipped = 0;
    for (var c = 0; c < boxes.length; c++) { if (boxes[c].scrollWidth > boxes[c].clientWidth + 1) { clipped++; } }
    body.setAttribute("data-clipped-figures", String(clipped));
    body.setAttribute("data-small-figure-list", small.join("; "));
    body.setAttribute("data-js-errors", String(window.__mixbookErrors || 0));
  }
  if (document.readyState === "complete") { checkImages(); } else { window.addEventListener("load", checkImages); }
})();
