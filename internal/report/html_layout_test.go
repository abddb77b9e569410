package report

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// longLocationReport is the ministry report with cells that push a table
// wider than a phone: a multi-region location of many codes, a long
// address with for_each keys, a long operator name.
func longLocationReport(t *testing.T) *Report {
	t.Helper()
	rep := htmlTestReport(t, "high")
	long := strings.TrimSuffix(strings.Repeat("europe-west9+us-central1+asia-southeast1+", 4), "+")
	for i, f := range rep.Findings {
		if i%2 == 0 {
			f.Location.Region = long
			f.Address = `module.platform["eu-data-processing-long-key"].aws_s3_bucket.customer_records_archive["records-2026-q4-backup"]`
		}
	}
	for _, r := range rep.Inventory.Resources[:min(3, len(rep.Inventory.Resources))] {
		r.Location.Region = long
	}
	return rep
}

// TestHTMLFitsPhoneAndDesktop renders the report in headless Chromium at
// 390 and 1920 px wide and checks, from the DOM, that the page never
// scrolls sideways, that every table fits its container, that no cell's
// content is clipped (long values wrap), and that the filter works.
func TestHTMLFitsPhoneAndDesktop(t *testing.T) {
	bin := chromiumBinary(t)
	rep := longLocationReport(t)
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, renderHTML(t, rep), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()
	var tc002 int
	for _, f := range rep.Findings {
		if f.Rule == "TC002" && !f.Waived {
			tc002++
		}
	}
	for _, size := range []struct{ w, h int }{{390, 844}, {1920, 1080}} {
		t.Run(fmt.Sprintf("%dpx", size.w), func(t *testing.T) {
			allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), headlessChromium(bin, size.w, size.h)...)
			defer cancelAlloc()
			ctx, cancel := chromedp.NewContext(allocCtx)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTimeout()
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(size.w), int64(size.h))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
				t.Fatalf("open %s: %v", pageURL, err)
			}
			evalString := func(js string) string {
				t.Helper()
				s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
				if err != nil {
					t.Fatalf("%s: %v", js, err)
				}
				return s
			}
			// Open the inventory and every evidence row, so that all
			// tables and cells are laid out.
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(function () {
				document.getElementById("inventory").open = true;
				document.querySelectorAll("#findings button.toggle").forEach(function (b) { b.click(); });
			})()`)); err != nil {
				t.Fatal(err)
			}
			if got := evalString(`document.documentElement.scrollWidth + " " + window.innerWidth`); got != fmt.Sprintf("%d %d", size.w, size.w) {
				t.Errorf("page width and window width: %s, want both %d (the page scrolls sideways)", got, size.w)
			}
			overflow := evalString(`(function () {
				var out = [];
				document.querySelectorAll("table").forEach(function (table, i) {
					var box = table.parentElement.getBoundingClientRect();
					var r = table.getBoundingClientRect();
					if (r.width > box.width + 1) { out.push("table " + i + " is " + Math.round(r.width) + "px in " + Math.round(box.width) + "px"); }
				});
				document.querySelectorAll("td").forEach(function (td) {
					if (!td.checkVisibility()) { return; }
					if (td.scrollWidth > td.clientWidth + 1) {
						out.push("cell clipped (" + td.scrollWidth + "px of content in " + td.clientWidth + "px): " + td.innerText.slice(0, 60));
					}
				});
				return out.slice(0, 10).join("\n");
			})()`)
			if overflow != "" {
				t.Errorf("at %dpx:\n%s", size.w, overflow)
			}
			// The filter works at this width.
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#filter"), "TC002")); err != nil {
				t.Fatal(err)
			}
			got := evalString(`Array.from(document.querySelectorAll("#findings tr.finding")).filter(function (r) { return r.checkVisibility(); }).map(function (r) { return r.getAttribute("data-rule"); }).join(",")`)
			if want := strings.TrimSuffix(strings.Repeat("TC002,", tc002), ","); got != want {
				t.Errorf("rows shown after typing TC002: %q, want %q", got, want)
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err == nil {
				_ = os.WriteFile(filepath.Join(t.TempDir(), "shot.png"), png, 0o644)
				if out := os.Getenv("TRUSTCLOUD_SCREENSHOTS"); out != "" {
					_ = os.WriteFile(filepath.Join(out, fmt.Sprintf("report-%dpx.png", size.w)), png, 0o644)
				}
			}
		})
	}
}
