package ruledef

import (
	"slices"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// DoctrineID names a text the rules rest on; OSCAL's back matter carries
// it as the doctrine-id prop.
type DoctrineID string

// The texts the rules rest on.
const (
	// CloudAuCentre is the "Cloud au centre" circular; every rule cites
	// it first, with what it asks that the rule checks.
	CloudAuCentre DoctrineID = "cloud-au-centre"
	// SREN is the SREN law, which makes the doctrine binding.
	SREN DoctrineID = "sren"
	// SecNumCloud is the SecNumCloud 3.2 qualification framework.
	SecNumCloud DoctrineID = "secnumcloud"
	// SecNumCloudLocation is SecNumCloud 3.2 §19.2: data stored and
	// processed in the EU.
	SecNumCloudLocation DoctrineID = "secnumcloud-19.2"
	// SecNumCloudImmunity is SecNumCloud 3.2 §19.6: immunity to non-EU
	// extraterritorial law.
	SecNumCloudImmunity DoctrineID = "secnumcloud-19.6"
)

// Doctrine is a text the rules rest on.
type Doctrine struct {
	ID DoctrineID
	// Title and Citation name and quote the text in English, for the
	// machine-readable outputs (OSCAL's back matter).
	Title, Citation string
	// ref is how a rule's help cites the text, in the reader's language.
	ref i18n.Msg
	// perRule: the citation says what the text asks of each rule
	// (doctrine.circular.ID), with ref as its argument.
	perRule bool
}

// doctrines are the texts the rules rest on, in back-matter order.
var doctrines = []Doctrine{
	{ID: CloudAuCentre, Title: `"Cloud au centre" circular`,
		Citation: `The "Cloud au centre" doctrine: circular of July 2021 on the State's use of cloud, updated in May 2023. Sensitive data goes to a SecNumCloud-qualified offer, located and operated in the EU, immune to non-EU extraterritorial law; any other use is an explicit, temporary waiver.`,
		ref:      i18n.M("doctrine.circular"), perRule: true},
	{ID: SREN, Title: "SREN law",
		Citation: "The SREN law of 10 April 2024, which makes the doctrine binding on State administrations.",
		ref:      i18n.M("doctrine.sren")},
	{ID: SecNumCloud, Title: "SecNumCloud 3.2",
		Citation: "ANSSI, SecNumCloud 3.2, the qualification framework for cloud service providers (milestones J0 to J3).",
		ref:      i18n.M("doctrine.snc")},
	{ID: SecNumCloudLocation, Title: "SecNumCloud 3.2 §19.2",
		Citation: "ANSSI, SecNumCloud 3.2 §19.2: customer and technical data are stored and processed in the EU.",
		ref:      i18n.M("doctrine.snc_location")},
	{ID: SecNumCloudImmunity, Title: "SecNumCloud 3.2 §19.6",
		Citation: "ANSSI, SecNumCloud 3.2 §19.6: the provider is an EU entity, immune to non-EU extraterritorial law.",
		ref:      i18n.M("doctrine.snc_immunity")},
}

// Doctrines returns the texts the rules rest on, in back-matter order.
func Doctrines() []Doctrine { return slices.Clone(doctrines) }

// DoctrineByID returns the text with an id, false when there is none.
func DoctrineByID(id DoctrineID) (Doctrine, bool) {
	for _, d := range doctrines {
		if d.ID == id {
			return d, true
		}
	}
	return Doctrine{}, false
}

// cited is the text as the help of rule cites it.
func (d Doctrine) cited(rule ID) i18n.Msg {
	if d.perRule {
		return i18n.M("doctrine.circular."+string(rule), d.ref)
	}
	return d.ref
}
