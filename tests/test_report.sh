#!/usr/bin/env bash
# test_report.sh OMPSCALE -- report.html through the real binary: a tiny class S run writes it;
# its headline agrees with speedup.csv; every string of the record is escaped; it refers
# to nothing outside itself; `ompscale report DIR` writes the same page again from results.json
# alone (atomically, from anywhere), says so when gnuplot is missing, and refuses a bad DIR with
# exit 2 and nothing created. Then headless Chromium (Debian's chromium) renders it: each chart is
# an <svg> laid out with its paths drawn, the picture decodes, and neither the page's references
# nor Chromium's network log show a request outside the file; a page that does refer outside is
# caught by the same checks, so they can fail. Without chromium the browser part is skipped (77).
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-report-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

if ! command -v gnuplot > /dev/null; then
    echo "test_report: gnuplot is not installed: skipped (apt-get install gnuplot-nox)"
    exit 77
fi

# expect_usage NEEDLE DIR ARGS...: exit 2, one stderr line naming NEEDLE, nothing on stdout, no
# report.html created in DIR.
expect_usage() {
    local needle=$1 dir=$2
    shift 2
    "${bin[@]}" "$@" > out.txt 2> err.txt
    local rc=$?
    if [ "$rc" -ne 2 ]; then bad "$* -> exit $rc, want 2: $(cat err.txt)"; return; fi
    if [ "$(wc -l < err.txt)" -ne 1 ] || ! grep -q '^ompscale: ' err.txt; then bad "$* -> stderr: $(cat err.txt)"; return; fi
    if ! grep -qF -- "$needle" err.txt; then bad "$* -> stderr does not name '$needle': $(cat err.txt)"; return; fi
    if [ -s out.txt ]; then bad "$* -> wrote to stdout"; return; fi
    if [ -n "$dir" ] && ls -A "$dir" 2> /dev/null | grep -q 'report'; then bad "$* -> created $(ls -A "$dir")"; return; fi
    ok
}

# outside FILE: prints every reference in the page that is not a data: URI or a #fragment.
outside() {
    grep -oiE "(src|href|srcset|poster|action)[[:space:]]*=[[:space:]]*(\"[^\"]*\"|'[^']*'|[^ >]+)" "$1" |
        grep -viE "=[[:space:]]*[\"']?(data:|#)"
    grep -oiE "url\([[:space:]]*[\"']?[^#\"' )][^)]{0,60}" "$1" | grep -viE "url\([[:space:]]*[\"']?data:"
    grep -oiE "@import|<script|<iframe|<object|<embed|<base " "$1"
}

"${bin[@]}" run --class S --kernel mandelbrot,sqrtmap --threads 1,2 --schedule static,dynamic --chunk 1,default \
    --reps 2 --no-overhead --out run1 > run.out 2> run.err || bad "run: $(cat run.err)"
page=run1/report.html
if [ -s "$page" ]; then ok; else bad "the run wrote no $page"; fi
if grep -q "Report: .*run1/report.html" run.out; then ok; else bad "the run does not say where its report is"; fi
if ls -A run1 | grep -q 'tmp'; then bad "temporary files left in run1: $(ls -A run1)"; else ok; fi
if grep -q '^<!DOCTYPE html>' "$page" && tail -1 "$page" | grep -q '</html>'; then ok; else bad "$page is not a whole HTML page"; fi

# The charts (speed-up, efficiency, every series, the chunk heat map, the size scan, the POP factors
# of each of the two kernels) are inline SVG; the picture a data URI.
n_svg=$(grep -c '^<svg' "$page")
if [ "$n_svg" -eq 7 ]; then ok; else bad "$page has $n_svg inline charts, want 7"; fi
if grep -q '<?xml' "$page"; then bad "an SVG's XML prologue is left in $page"; else ok; fi
if grep -q '<img class="picture" alt="mandelbrot" width="256" height="256" src="data:image/png;base64,iVBOR' "$page"
then ok; else bad "the Mandelbrot picture is not a 256 x 256 PNG data URI"; fi
# A picture wider than 640 px is scaled down to 640 px, still a PNG.
"${bin[@]}" run --class S --kernel mandelbrot --set mandelbrot.width=800,mandelbrot.height=400,mandelbrot.maxiter=50 \
    --threads 1 --schedule static --chunk default --reps 1 --warmup 0 --no-overhead --out wide > wide.out 2> wide.err \
    || bad "wide run: $(cat wide.err)"
if python3 - wide/report.html <<'EOF'
import base64, re, struct, sys
m = re.search(r'<img class="picture" alt="mandelbrot" width="(\d+)" height="(\d+)" src="data:image/png;base64,([^"]+)"',
              open(sys.argv[1]).read())
png = base64.b64decode(m.group(3)) if m else b""
size = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else None
if m is None or (m.group(1), m.group(2)) != ("640", "320") or size != (640, 320):
    print("picture: attributes %s, PNG %s" % (m.groups()[:2] if m else None, size))
    sys.exit(1)
EOF
then ok; else bad "an 800 x 400 picture is not a 640 x 320 PNG on the page"; fi

# Ids are unique on the page and every reference to one has its target (the charts' markers).
if python3 - "$page" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
ids = re.findall(r"\sid=['\"]([^'\"]+)['\"]", text)
dups = sorted({i for i in ids if ids.count(i) > 1})
refs = set(re.findall(r"href=['\"]#([^'\"]+)['\"]", text)) | set(re.findall(r"url\(#([^)]+)\)", text))
missing = sorted(refs - set(ids))
if dups or missing or not refs:
    print("duplicate ids:", dups[:10], "references without a target:", missing[:10], "references:", len(refs))
    sys.exit(1)
EOF
then ok; else bad "ids in $page: see above"; fi
found=$(outside "$page")
if [ -z "$found" ]; then ok; else bad "$page refers outside itself: $found"; fi

# The headline's best configuration is the verified one with the highest speed-up within the CPUs in
# speedup.csv, with its interval, and its efficiency.
if python3 - run1/speedup.csv "$page" <<'EOF'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
page = open(sys.argv[2]).read()
fail = []
for kernel in ("mandelbrot", "sqrtmap"):
    best = None
    for r in rows:
        if r["kernel"] == kernel and r["verified"] == "1" and r["oversubscribed"] == "0" and r["speedup"] != "":
            if best is None or float(r["speedup"]) > float(best["speedup"]):
                best = r
    row = re.search(r'<tr><th scope="row">%s</th>(.*?)</tr>' % kernel, page, re.S)
    if best is None or row is None:
        fail.append("%s: no best row in speedup.csv or no headline row" % kernel)
        continue
    cfg = best["schedule"] + ("" if best["chunk_label"] == "default" else "," + best["chunk_label"])
    where = "%s at %s thread%s" % (cfg, best["threads"], "" if best["threads"] == "1" else "s")
    m = re.search(r'<td>([^<]*)</td><td class="n"><strong>([\d.]+)</strong> <span class="muted">\[([\d.]+), '
                  r'([\d.]+)\]</span></td><td class="n"><strong>([\d.]+)</strong>', row.group(1))
    if m is None or m.group(1) != where:
        fail.append("%s: want %s, headline %s" % (kernel, where, row.group(1)[:300]))
        continue
    want = [float(best["speedup"]), float(best["speedup_ci_low"]), float(best["speedup_ci_high"]),
            float(best["speedup"]) / int(best["threads"])]
    got = [float(m.group(i)) for i in (2, 3, 4, 5)]
    if any(abs(a - b) > 0.0051 for a, b in zip(want, got)):
        fail.append("%s: headline %s, speedup.csv %s" % (kernel, got, want))
if fail:
    print("\n".join(fail))
    sys.exit(1)
EOF
then ok; else bad "the headline does not match speedup.csv: see above"; fi
configs=$(python3 -c "import json,sys; print(sum(m['kernel'] == 'sqrtmap' and m['scan_size'] == 0 for m in json.load(open(sys.argv[1]))['measurements']))" run1/results.json)
for text in 'id="headline"' 'id="charts"' 'id="tables"' 'id="flags"' 'id="machine"' 'Size scan of sqrtmap' \
    'break-even size' "sqrtmap: $configs configurations" 'OpenMP</dt>'; do
    if grep -qF "$text" "$page"; then ok; else bad "$page lacks '$text'"; fi
done
if grep -q 'id="incomplete"' "$page"; then bad "a complete run's report says it is incomplete"; else ok; fi

# ompscale report DIR: the same page from results.json alone, on a copy, from another directory.
mkdir -p copies/elsewhere
cp -r run1 copies/run1
rm copies/run1/report.html
(cd copies/elsewhere && "${bin[@]}" report ../run1 > ../report.out 2> ../report.err)
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s copies/report.err ]; then ok; else bad "report exited $rc: $(cat copies/report.err)"; fi
if grep -qx '../run1/report.html' copies/report.out; then ok; else bad "report does not print the page's path: $(cat copies/report.out)"; fi
if cmp -s run1/report.html copies/run1/report.html; then ok; else bad "report from results.json differs from the run's"; fi
if [ "$(ls -A copies/run1 | grep -c report)" -eq 1 ]; then ok; else bad "report left files: $(ls -A copies/run1)"; fi

# Every string of the record is escaped: a host name and a command line made of markup.
cp -r run1 evil
python3 - evil/results.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["machine"]["host"] = "<b>host</b>&\"'"
d["command_line"] = ["ompscale", "<script>alert(1)</script>"]
d["warnings"] = d.get("warnings", []) + ["<img src=x onerror=alert(2)>"]
json.dump(d, open(sys.argv[1], "w"))
EOF
"${bin[@]}" report evil > out.txt 2> err.txt || bad "report evil: $(cat err.txt)"
if grep -qF '<b>host' evil/report.html || grep -qF '<script>' evil/report.html || grep -qF '<img src=x' evil/report.html
then bad "markup from the record reached the page unescaped"; else ok; fi
if grep -qF 'ompscale run on &lt;b&gt;host&lt;/b&gt;&amp;&quot;&#39;' evil/report.html &&
    grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' evil/report.html && grep -qF '&lt;img src=x' evil/report.html
then ok; else bad "the record's strings are not on the page, escaped"; fi

# An interrupted run's report says so, and how to finish it.
cp -r run1 cut
planned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['run']['measurements'])" cut/results.json)
python3 - cut/results.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["run"].update(interrupted=True, measurements=5, instances_done=1)
d["measurements"] = d["measurements"][:5]
json.dump(d, open(sys.argv[1], "w"))
EOF
"${bin[@]}" report cut > out.txt 2> err.txt || bad "report cut: $(cat err.txt)"
if grep -q 'id="incomplete"' cut/report.html && grep -q "interrupted (Ctrl-C or SIGTERM) after 5 of $planned configurations" \
    cut/report.html && grep -q 'run --resume' cut/report.html
then ok; else bad "an interrupted run's report does not say so"; fi
if grep -qF '<title>ompscale report: ' cut/report.html && grep -q '(incomplete)</title>' cut/report.html; then ok
else bad "an interrupted run's title does not say so"; fi

# Without gnuplot: the page without charts, saying why; a warning, exit 0.
PATH=/nonexistent "${bin[@]}" report cut > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q '^ompscale: warning: report.html: .*gnuplot-nox' err.txt
then ok; else bad "report without gnuplot: exit $rc: $(cat err.txt)"; fi
if grep -q '<svg' cut/report.html || ! grep -q 'No charts: gnuplot is not installed' cut/report.html; then
    bad "report without gnuplot: the page does not say why it has no charts"; else ok; fi

# Bad DIR: exit 2, one line naming it, nothing created.
mkdir notarun damaged
head -c 400 run1/results.json > damaged/results.json
expect_usage nosuchdir "" report nosuchdir
expect_usage notarun notarun report notarun
expect_usage damaged damaged report damaged
expect_usage "not a directory" "" report run1/results.json
expect_usage "report: want one run directory" "" report
expect_usage "report: want one run directory" "" report run1 run1
if "${bin[@]}" --help | grep -q 'report DIR'; then ok; else bad "--help does not list report"; fi

# ---- Headless Chromium ----
chromium=""
for c in chromium chromium-browser; do
    command -v "$c" > /dev/null && { chromium=$c; break; }
done
if [ -z "$chromium" ]; then
    echo "test_report: $passed passed, $failed failed; chromium is not installed: the browser checks are skipped" \
        "(apt-get install chromium)"
    [ "$failed" -eq 0 ] && exit 77
    exit 1
fi
# browse PROFILE ARGS...: one headless Chromium, a fresh profile, no name resolution (a request
# for anything outside fails here rather than reaching a network).
browse() {
    local profile=$1
    shift
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/$profile" \
        --host-resolver-rules="MAP * ~NOTFOUND" "$@" 2> "$work/$profile.log"
}
# page_requests NETLOG: the URLs a page asked for (Chromium's own requests have no initiator).
page_requests() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = {v: k for k, v in d["constants"]["logEventTypes"].items()}
for e in d["events"]:
    p = e.get("params", {})
    if names.get(e["type"]) == "URL_REQUEST_START_JOB" and p.get("initiator", "not an origin") != "not an origin":
        print(p.get("initiator"), p.get("url"))' "$1"
}

# The page alone in an empty directory: its DOM has the charts, its network log no request.
mkdir alone
cp "$page" alone/report.html
browse alone-profile --log-net-log="$work/alone.netlog" --dump-dom "file://$work/alone/report.html" > dom.html
dom_svg=$(grep -o '<svg' dom.html | wc -l)
if [ "$dom_svg" -eq "$n_svg" ] && grep -q '<path' dom.html; then ok; else
    bad "Chromium's DOM has $dom_svg <svg> elements, want $n_svg: $(tail -3 alone-profile.log)"; fi
requests=$(page_requests alone.netlog 2>&1)
if [ -z "$requests" ]; then ok; else bad "the page made requests: $requests"; fi

# The page in a frame, measured: each chart laid out with its paths drawn, the picture decoded, every
# reference in the DOM (attributes, style sheets) inside the file; a page that refers outside, beside
# it, must be caught by the same checks and by the network log.
mkdir outer
printf '%s\n' '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://example.invalid/a.css"><style>' \
    'body{background:url(other.png)}</style></head><body><img src="missing.png">' \
    '<svg><use href="other.svg#x"/></svg></body></html>' > outer/report.html
cat > frames.html <<'EOF'
<!DOCTYPE html><html><body><pre id="good">not measured</pre><pre id="outer">not measured</pre>
<iframe id="f-good" src="alone/report.html" style="width:1200px;height:900px"></iframe>
<iframe id="f-outer" src="outer/report.html" style="width:1200px;height:900px"></iframe>
<script>
function inside(v) { v = (v || '').trim(); return v === '' || /^(data:|#)/i.test(v); }
function measure(frame, out) {
  var d = frame.contentDocument, lines = [];
  if (!d) { out.textContent = 'no access to the frame'; return; }
  d.querySelectorAll('svg').forEach(function (s, i) {
    var r = s.getBoundingClientRect(), n = 0, drawn = 0;
    s.querySelectorAll('path').forEach(function (p) {
      if (!/[LHVCSQTAZ]/i.test(p.getAttribute('d') || '')) return;  /* moves alone (gnuplot's unticked tics) draw nothing */
      var b = p.getBBox(); n++; if (b.width > 0 || b.height > 0) drawn++;
    });
    lines.push('svg ' + (i + 1) + ' ' + Math.round(r.width) + ' ' + Math.round(r.height) + ' ' + n + ' ' + drawn);
  });
  d.querySelectorAll('img').forEach(function (m) { lines.push('img ' + m.naturalWidth + ' ' + m.naturalHeight); });
  d.querySelectorAll('*').forEach(function (e) {
    for (var i = 0; i < e.attributes.length; i++) {
      var a = e.attributes[i];
      if (/^(src|srcset|href|xlink:href|poster|data|action|background)$/i.test(a.name) && !inside(a.value))
        lines.push('outside ' + e.tagName + ' ' + a.name + '=' + a.value);
    }
  });
  Array.prototype.forEach.call(d.styleSheets, function (sheet) {
    if (sheet.href) lines.push('outside stylesheet ' + sheet.href);
    try {
      Array.prototype.forEach.call(sheet.cssRules, function (rule) {
        (rule.cssText.match(/url\(([^)]*)\)/g) || []).forEach(function (u) {
          if (!inside(u.slice(4, -1).replace(/["']/g, ''))) lines.push('outside css ' + u);
        });
      });
    } catch (err) { lines.push('outside css rules unreadable'); }
  });
  frame.contentWindow.performance.getEntriesByType('resource').forEach(function (e) {
    if (!inside(e.name)) lines.push('outside fetched ' + e.name);
  });
  out.textContent = lines.join('\n');
}
window.addEventListener('load', function () {
  measure(document.getElementById('f-good'), document.getElementById('good'));
  measure(document.getElementById('f-outer'), document.getElementById('outer'));
});
</script></body></html>
EOF
browse frames-profile --allow-file-access-from-files --virtual-time-budget=10000 --log-net-log="$work/frames.netlog" \
    --dump-dom "file://$work/frames.html" > frames-dom.html
if python3 - frames-dom.html "$n_svg" <<'EOF'
import html, re, sys
dom, want = open(sys.argv[1]).read(), int(sys.argv[2])
def section(name):
    m = re.search(r'<pre id="%s">(.*?)</pre>' % name, dom, re.S)
    return html.unescape(m.group(1)).splitlines() if m else ["missing"]
good, outer, fail = section("good"), section("outer"), []
svgs = [l.split() for l in good if l.startswith("svg ")]
if len(svgs) != want:
    fail.append("%d charts measured, want %d: %s" % (len(svgs), want, good[:3]))
for s in svgs:  # svg N width height paths drawn
    w, h, n, drawn = map(int, s[2:])
    if w < 600 or h < 200 or n < 10 or drawn < n * 0.9:
        fail.append("chart %s not drawn: %dx%d px, %d of %d paths with a size" % (s[1], w, h, drawn, n))
if "img 256 256" not in good:
    fail.append("the picture did not decode to 256 x 256: %s" % [l for l in good if l.startswith("img")])
fail += ["the report: " + l for l in good if l.startswith("outside")]
caught = [l for l in outer if l.startswith("outside")]
for what in ("example.invalid/a.css", "missing.png", "other.png", "other.svg"):
    if not any(what in l for l in caught):
        fail.append("a page that refers to %s is not caught: %s" % (what, caught))
if fail:
    print("\n".join(fail))
    sys.exit(1)
EOF
then ok; else bad "Chromium's measure of the page: see above"; fi
if page_requests frames.netlog | grep -q 'example.invalid'; then ok; else
    bad "Chromium's network log does not show the outer page's request, so it cannot check the report's"; fi

echo "test_report: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
