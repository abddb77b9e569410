package i18n

// englishCatalog holds the texts of `trustcloud catalog`'s tables: column
// headers, yes and no, standings and notes; french_catalog.go translates
// them. Both join the catalogs of english.go and french.go at start.
var englishCatalog = map[string]string{
	"catalog.col.source":             "SOURCE",
	"catalog.col.operators":          "OPERATORS",
	"catalog.col.location_provider":  "LOCATION IN PROVIDER BLOCK",
	"catalog.col.location_resources": "LOCATION ON RESOURCES",
	"catalog.col.id":                 "ID",
	"catalog.col.name":               "NAME",
	"catalog.col.country":            "COUNTRY",
	"catalog.col.exposure":           "EXTRATERRITORIAL EXPOSURE",
	"catalog.col.secnumcloud":        "SECNUMCLOUD",
	"catalog.col.operator":           "OPERATOR",
	"catalog.col.offer":              "OFFER",
	"catalog.col.status":             "STATUS",
	"catalog.col.standing":           "STANDING",
	"catalog.col.qualified_on":       "QUALIFIED ON",
	"catalog.col.expires_on":         "EXPIRES ON",
	"catalog.col.decision":           "DECISION",
	"catalog.col.regions":            "REGIONS",
	"catalog.col.note":               "NOTE",
	"catalog.col.region":             "REGION",
	"catalog.col.city":               "CITY",
	"catalog.col.eu":                 "EU",
	"catalog.col.type":               "TYPE",
	"catalog.col.scope":              "SCOPE",
	"catalog.col.location":           "LOCATION",
	"catalog.col.parent":             "PARENT",
	"catalog.col.data_flows":         "DATA FLOWS",
	"catalog.col.row":                "ROW",
	"catalog.yes":                    "yes",
	"catalog.no":                     "no",
	"catalog.unknown":                "unknown",
	"catalog.no_location":            "(no location)",
	"catalog.standing.qualified":     "qualified",
	"catalog.standing.unconfirmed":   "qualified (unconfirmed)",
	"catalog.standing.expired":       "expired",
	"catalog.standing.pending":       "pending",
	"catalog.standing.unknown":       "unknown",
	"catalog.standing.none":          "none",
	"catalog.note.confirm":           "confirm in ANSSI's catalogue",
	"catalog.note.renewal":           "renewal not recorded",
	"catalog.note.unverified":        "unverified",
}

func init() {
	merge(english, englishCatalog)
	merge(french, frenchCatalog)
}
