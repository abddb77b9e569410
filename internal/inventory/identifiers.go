package inventory

import (
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// identifierAttributes are the attributes of a resource that identify it
// and may carry where it is: an AWS ARN, a Google self-link or id, an
// Azure id. Only a deployed state's are read (Options.State): a plan's
// are mostly unknown, and its arguments say more.
var identifierAttributes = []string{"arn", "self_link", "id"}

// identifierRegion is the region (or zone) an identifier carries, "" when
// it carries none:
//
//   - an AWS ARN, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; the
//     region field is empty for the services without regions (S3
//     buckets, IAM), which is not a region;
//   - a path (Google self-link or id, Azure id) with a regions/R,
//     zones/Z or locations/L segment pair; "global" is not a region.
func identifierRegion(s string) string {
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) < 6 || !regionToken(parts[3]) {
			return ""
		}
		return parts[3]
	}
	if !strings.Contains(s, "/") {
		return ""
	}
	segs := strings.Split(s, "/")
	for i := 0; i+1 < len(segs); i++ {
		switch strings.ToLower(segs[i]) {
		case "regions", "zones", "locations":
			if v := segs[i+1]; regionToken(v) && !strings.EqualFold(v, "global") {
				return v
			}
		}
	}
	return ""
}

// regionToken reports whether s can be a region or zone code: letters,
// digits, hyphens and underscores.
func regionToken(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	return !strings.ContainsFunc(s, func(c rune) bool {
		return (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '_'
	})
}

// withIdentifiers adds to the location read from a resource's attributes
// (loc, ok) the places its identifiers carry. They must all name the same
// place as the attributes: a disagreement is not settled silently, it is
// unknown, naming the two values (fail closed). Without a location from
// the attributes, the identifiers' is the resource's.
func (rv *resolver) withIdentifiers(c *ctx, loc Location, ok bool) (Location, bool) {
	attrs, _ := c.r.values()
	var places []Location
	for _, name := range identifierAttributes {
		s, found := attrs.GetString(name)
		if !found {
			continue
		}
		v := identifierRegion(s)
		if v == "" {
			continue
		}
		if l, placed := rv.place(c, v, i18n.M("ev.identifier", name, s, v)); placed {
			places = append(places, l)
		}
	}
	if len(places) == 0 {
		return loc, ok
	}
	for _, other := range places[1:] {
		if !samePlace(places[0], other) {
			return conflict(places[0], other), true
		}
	}
	if !ok {
		return places[0], true
	}
	switch loc.Status {
	case StatusKnown, StatusMultiRegion, StatusGlobal:
		if !samePlace(loc, places[0]) {
			return conflict(loc, places[0]), true
		}
		loc.Evidence = append(loc.Evidence, places[0].Evidence[0])
	}
	return loc, ok
}
