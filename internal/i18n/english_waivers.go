package i18n

// englishWaivers holds why an inline waiver is not in force and why a
// waiver does not cover a finding (package rules), and the progress line
// of a long check; french_waivers.go translates them. Both join the
// catalogs of english.go and french.go at start.
var englishWaivers = map[string]string{
	"waiver.detail.remote":      "the comment is in module %s, installed from elsewhere: only the configuration's own files may waive",
	"waiver.detail.unattached":  "the comment is not directly above a resource block (only comment lines may come between them): it waives nothing",
	"waiver.detail.not_allowed": "the policy does not allow inline waivers (allow_inline_waivers = false): the finding stands",
	"waiver.detail.invalid":     "%s",
	"waiver.detail.expired":     "expired on %s",
	"waiver.refused.inline":     "inline waiver at %s is %s: %s",
	"waiver.refused.inline_new": "inline waiver at %s covers resources that exist already; this change creates %s (an inline waiver never covers a new resource: only the policy file's covers_new does): the finding stands",
	"waiver.refused.new":        "waiver %s covers resources that exist already; this change creates %s (the waiver does not say covers_new = true): the finding stands",
	"waiver.status.in_force":    "in force",
	"waiver.status.expired":     "expired",
	"waiver.status.not_allowed": "not allowed",
	"waiver.status.invalid":     "invalid",
	"waiver.status.unattached":  "unattached",
	"waiver.status.remote":      "remote",
	"progress.reading_pct":      "trustcloud: %s: reading %3d%% (%d/%d MB) %s s",
	"progress.reading":          "trustcloud: %s: reading (%d MB) %s s",
	"progress.phase":            "trustcloud: %s: %s… %s s",
	"finding.decision":          " (ANSSI decision %s)",
	"progress.resolving":        "resolving %d resources",
}

func init() {
	merge(english, englishWaivers)
	merge(french, frenchWaivers)
}
