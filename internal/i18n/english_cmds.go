package i18n

// englishCmds holds what keygen, verify and policy init/validate print;
// french_cmds.go translates them. Both join the catalogs of english.go
// and french.go at start.
var englishCmds = map[string]string{
	"cli.keygen.private":        "wrote %s.key (private: keep it secret, sign with 'trustcloud check --evidence DIR --sign %[1]s.key')",
	"cli.keygen.public":         "wrote %s.pub (public: give it to verifiers, 'trustcloud verify --pubkey %[1]s.pub DIR')",
	"cli.keygen.key":            "key %s",
	"cli.sign_needs_evidence":   "check: --sign signs an evidence bundle: give --evidence DIR too",
	"cli.keygen.argument":       "keygen: unexpected argument %q: name the key files with --out PREFIX",
	"cli.keygen.out":            "keygen: --out needs a file name prefix",
	"cli.verify.format":         "verify: unknown format %q: use text or json",
	"cli.verify.missing_dir":    "verify: missing DIR: give the evidence bundle's directory",
	"cli.verify.one_dir":        "verify: one DIR expected, got %d",
	"cli.policy.exists":         "%s: already exists: choose another file or pass --force to overwrite it",
	"cli.policy.wrote":          "wrote %s (profile %s): edit it, then check it with 'trustcloud policy validate %s'",
	"cli.policy.valid":          "%s is valid: profile %s, %d levels, %d waivers, default level %s",
	"cli.policy.waiver_expired": "waiver %s expired on %s: its findings are reported again, with TC007",
	"cli.policy.waiver_expires": "waiver %s expires on %s, in %d days",
}

func init() {
	merge(english, englishCmds)
	merge(french, frenchCmds)
}
