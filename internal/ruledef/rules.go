package ruledef

// The rule ids.
const (
	TC001 ID = "TC001"
	TC002 ID = "TC002"
	TC003 ID = "TC003"
	TC004 ID = "TC004"
	TC005 ID = "TC005"
	TC006 ID = "TC006"
	TC007 ID = "TC007"
	TC008 ID = "TC008"
	TC009 ID = "TC009"
	TC010 ID = "TC010"
	TC011 ID = "TC011"
	TC012 ID = "TC012"
	TC013 ID = "TC013"
)

// The JUnit groups.
const (
	GroupLocation       Group = "location"
	GroupSecNumCloud    Group = "SecNumCloud"
	GroupExposure       Group = "extraterritorial exposure"
	GroupReplication    Group = "replication"
	GroupWaivers        Group = "waivers"
	GroupClassification Group = "classification"
	GroupPolicy         Group = "policy"
)

// rules is the registry, in id order. A new rule gets an entry here, its
// texts in the i18n catalogs (rule.ID.*, doctrine.circular.ID, and its
// findings' messages), its implementation in internal/rules, its row in
// the README's rule tables and its examples in internal/tools/rulesdoc
// (for its page, docs/rules/ID.md); the registry's tests say what is
// missing.
var rules = []Rule{
	{ID: TC001, Name: "non-eu-region", Group: GroupLocation, Default: SeverityMedium,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloudLocation}, Precision: PrecisionHigh},
	{ID: TC002, Name: "not-qualified", Group: GroupSecNumCloud, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloud}, Precision: PrecisionHigh},
	// TC003 and TC006 also fire where a location or a destination is
	// unknown or only inferred at plan time: the applied resource may
	// comply.
	{ID: TC003, Name: "unknown-location", Group: GroupLocation, Default: SeverityMedium,
		Doctrine: []DoctrineID{CloudAuCentre, SecNumCloudLocation}, Precision: PrecisionMedium},
	{ID: TC004, Name: "global-service", Group: GroupLocation, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SecNumCloudLocation}, Precision: PrecisionHigh},
	{ID: TC005, Name: "extraterritorial-exposure", Group: GroupExposure, Default: SeverityMedium,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloudImmunity}, Precision: PrecisionHigh},
	{ID: TC006, Name: "cross-border-replication", Group: GroupReplication, Default: SeverityMedium,
		Doctrine: []DoctrineID{CloudAuCentre, SecNumCloudLocation}, Precision: PrecisionMedium},
	// An expired waiver fails loudly, whatever the level.
	{ID: TC007, Name: "waiver-expired", Group: GroupWaivers, Severity: SeverityHigh, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN}, Precision: PrecisionHigh},
	{ID: TC008, Name: "qualification-pending", Group: GroupSecNumCloud, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloud}, Precision: PrecisionHigh},
	{ID: TC009, Name: "qualification-expired", Group: GroupSecNumCloud, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloud}, Precision: PrecisionHigh},
	// An expiry ahead is a warning, whatever the level.
	{ID: TC010, Name: "qualification-expiring", Group: GroupSecNumCloud, Severity: SeverityLow, Default: SeverityLow,
		Doctrine: []DoctrineID{CloudAuCentre, SecNumCloud}, Precision: PrecisionHigh},
	{ID: TC011, Name: "qualification-unconfirmed", Group: GroupSecNumCloud, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN, SecNumCloud}, Precision: PrecisionHigh},
	{ID: TC012, Name: "unclassified", Group: GroupClassification, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN}, Precision: PrecisionHigh},
	// The policy under judgement cannot lower it: always high.
	{ID: TC013, Name: "policy-relaxed", Group: GroupPolicy, Severity: SeverityHigh, Default: SeverityHigh,
		Doctrine: []DoctrineID{CloudAuCentre, SREN}, JudgesPolicy: true, Precision: PrecisionHigh},
}
