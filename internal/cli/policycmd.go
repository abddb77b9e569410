package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
)

const defaultPolicyFile = "trustcloud.hcl"

func (e *env) policy(args []string) error {
	if len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		// Flags before the subcommand: --help is the help of policy.
		if _, err := parse(newFlagSet("policy"), args[:1]); err != nil {
			return err
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return usage("cli.policy_what")
	}
	switch args[0] {
	case "init":
		fs := newFlagSet("policy init")
		profile := fs.String("profile", "fr-cloud-au-centre", "flag.policy_init.profile")
		force := fs.Bool("force", false, "flag.policy_init.force")
		positional, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		file := defaultPolicyFile
		if len(positional) > 1 {
			return usage("cli.at_most_one_file", "policy init")
		}
		if len(positional) == 1 {
			file = positional[0]
		}
		if _, err := policy.Profile(*profile); err != nil {
			return err
		}
		if _, err := os.Stat(file); err == nil && !*force {
			return errors.New(e.t("cli.policy.exists", file))
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return i18n.Errorf("cli.err.at", file, err)
		}
		if err := writeFileAtomic(file, policy.StarterFile(*profile)); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, e.t("cli.policy.wrote", file, *profile, file))
		return nil
	case "validate":
		fs := newFlagSet("policy validate")
		positional, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		file := defaultPolicyFile
		if len(positional) > 1 {
			return usage("cli.at_most_one_file", "policy validate")
		}
		if len(positional) == 1 {
			file = positional[0]
		}
		pol, diags := policy.Load(file)
		if diags.HasErrors() {
			return policy.DiagnosticsError(diags)
		}
		fmt.Fprintln(e.stdout, e.t("cli.policy.valid", file, pol.Profile, len(pol.Levels), len(pol.Waivers), pol.Classification.DefaultLevel))
		// Waivers that have ended, or end within 30 days: a waiver is
		// temporary, and reviewers renew or retire it on time.
		today := e.now().UTC()
		for _, w := range pol.Waivers {
			days := int(w.Expires.Sub(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24)
			switch {
			case days < 0:
				fmt.Fprintln(e.stdout, e.t("cli.policy.waiver_expired", w.ID, w.Expires.Format(time.DateOnly)))
			case days <= 30:
				fmt.Fprintln(e.stdout, e.t("cli.policy.waiver_expires", w.ID, w.Expires.Format(time.DateOnly), days))
			}
		}
		return nil
	}
	return &usageError{msg: suggested(i18n.M("cli.policy_unknown", args[0]), args[0], []string{"init", "validate"}, "")}
}
