package cli

import (
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/planfile"
)

// sizeFlag is --max-input: a byte count with an optional unit (KiB, MiB,
// GiB, or K, M, G, KB, MB, GB read as the same powers of 1024); 0 means
// no limit, unset the default (planfile.DefaultMaxInput).
type sizeFlag struct {
	n   int64
	set bool
}

func (s *sizeFlag) String() string {
	if !s.set {
		return planfile.FormatSize(planfile.DefaultMaxInput)
	}
	return planfile.FormatSize(s.n)
}

func (s *sizeFlag) Set(v string) error {
	text := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(text, u.suffix) {
			text, mult = strings.TrimSpace(strings.TrimSuffix(text, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return valueError{i18n.M("cli.size_invalid")}
	}
	s.n, s.set = n*mult, true
	return nil
}

// limit is the planfile.LoadOptions.MaxInput the flag asks for.
func (s *sizeFlag) limit() int64 {
	switch {
	case !s.set:
		return 0
	case s.n == 0:
		return -1
	}
	return s.n
}
