#!/usr/bin/env bash
# Loads every rendered page (OUTPUT/*.html) in headless Chromium after its scripts ran,
# at a desktop width (1200 px) and a phone width (420 px), and fails when
#   - a formula failed in KaTeX (body data-math-errors != 0),
#   - an image did not load (data-img-errors != 0),
#   - a script error happened (data-js-errors != 0, or an error on Chromium's console log),
#   - the page scrolls sideways (data-page-overflow != 0: something wider than the
#     window that is not inside its own scrolling box),
#   - a figure is shown more than 2.5 times smaller than it was drawn
#     (data-small-figures != 0), so that its text is too small to read,
#   - at 1200 px, a figure is wider than the column (data-clipped-figures != 0); held
#     at a readable size it would have to scroll in its box.
# The page script (Templates/mixbook.js) measures these and writes them on <body>.
# Headless Chromium will not open a window narrower than 500 px, so the phone width is
# tested by loading the page in a 420 px wide iframe of a small harness page, which
# copies the page's <body> attributes onto its own.
#   usage: scripts/browser-test.sh [OUTPUT] [SCREENSHOT_DIR]
# With SCREENSHOT_DIR, also writes NAME-1200.png and NAME-420.png of each page there.
set -uo pipefail
out="${1:-output}"
shots="${2:-}"
widths=(1200 420)
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then echo "browser-test: chromium is not installed (apt-get install chromium)" >&2; exit 2; fi
shopt -s nullglob
pages=("$out"/*.html)
if [ ${#pages[@]} -eq 0 ]; then echo "browser-test: no pages in $out/" >&2; exit 1; fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --mute-audio
       --hide-scrollbars --user-data-dir="$tmp/profile" --virtual-time-budget=5000)
# harness WIDTH URL: a page showing URL in a WIDTH px wide frame, reporting its attributes.
harness() {
  cat <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;width:$1px;height:1600px;display:block}</style></head>
<body data-harness="waiting"><iframe id="page" src="$2"></iframe>
<script>
var frame = document.getElementById("page");
frame.addEventListener("load", function () { setTimeout(function () {
  try { var b = frame.contentDocument.body, names = b.getAttributeNames();
    for (var i = 0; i < names.length; i++) { document.body.setAttribute(names[i], b.getAttribute(names[i])); }
  } catch (e) { document.body.setAttribute("data-harness", "cannot read the page: " + e); }
}, 300); });
</script></body></html>
HTML
}
passed=0; failed=0
for page in "${pages[@]}"; do
  url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
  for width in "${widths[@]}"; do
    target="$url"; window="$width"
    if [ "$width" -lt 500 ]; then
      harness "$width" "$url" >"$tmp/harness-$width.html"
      target="file://$tmp/harness-$width.html"; window=500
    fi
    "$browser" "${flags[@]}" --allow-file-access-from-files --window-size="$window,1600" --enable-logging=stderr --v=0 --dump-dom "$target" >"$tmp/dom.html" 2>"$tmp/log.txt"
    body="$(grep -o '<body[^>]*>' "$tmp/dom.html" | head -1)"
    attr() { echo "$body" | sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p"; }
    math="$(attr data-math-errors)"; img="$(attr data-img-errors)"; js="$(attr data-js-errors)"
    overflow="$(attr data-page-overflow)"; small="$(attr data-small-figures)"
    viewport="$(attr data-viewport-width)"
    console="$(grep -E 'CONSOLE|Uncaught' "$tmp/log.txt" | grep -viE 'level=0|:INFO:' || true)"
    problems=()
    [ "$viewport" = "$width" ] || problems+=("the page was laid out ${viewport:-at an unknown width} px wide, not $width px")
    [ "$math" = "0" ] || problems+=("KaTeX errors: ${math:-page script did not run}")
    [ "$img" = "0" ] || problems+=("images not loaded: ${img:-page script did not finish}")
    [ "$js" = "0" ] || problems+=("script errors: ${js:-unknown}")
    [ -z "$console" ] || problems+=("console: $console")
    [ "$overflow" = "0" ] || problems+=("the page scrolls sideways by ${overflow:-?} px")
    clipped="$(attr data-clipped-figures)"
    if [ "$width" -ge 1000 ] && [ "$clipped" != "0" ]; then
      problems+=("${clipped:-?} figures do not fit the column and its right margin at $width px (draw them narrower)")
    fi
    [ "$small" = "0" ] || problems+=("figures shown too small to read (drawn/shown > 2.5): $(attr data-small-figure-list)")
    if [ ${#problems[@]} -eq 0 ]; then
      echo "ok   $page at $width px (viewport $viewport px; math errors 0, images failed 0, script errors 0, sideways scroll 0, small figures 0)"
      passed=$((passed + 1))
    else
      echo "FAIL $page at $width px: ${problems[*]}"; failed=$((failed + 1))
    fi
    if [ -n "$shots" ]; then
      mkdir -p "$shots"
      "$browser" "${flags[@]}" --allow-file-access-from-files --window-size="$window,1600" --screenshot="$shots/$(basename "$page" .html)-$width.png" "$target" >/dev/null 2>&1
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
